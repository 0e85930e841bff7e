using System.CommandLine;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary><c>coursekit probe convolutions</c>: where on this CPU oneDNN's convolution gradients disagree with ATen's.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var command = new Command("probe", "Measure libtorch's behaviour on this machine.");
        command.Subcommands.Add(Convolutions());
        return command;
    }

    private static Command Convolutions()
    {
        var repeats = new Option<int>("--repeats") { Description = "oneDNN runs per configuration (wrong gradients here vary run to run).", DefaultValueFactory = _ => 5 };
        var command = new Command("convolutions",
            "Sweep convolution configurations (channels, kernel against input size, stride, padding, dilation, groups, batch, " +
            "transposed) and compare the forward output and both gradients computed by oneDNN with ATen's own kernels. " +
            "Exit code 1 when any configuration disagrees.");
        command.Options.Add(repeats);
        command.SetAction(parse => Run(parse.GetValue(repeats), Console.Out));
        return command;
    }

    private static int Run(int repeats, TextWriter output)
    {
        TorchRuntime.Initialize();
        if (OneDnnSwitch.Enabled is null)
        {
            output.WriteLine("The oneDNN flag cannot be reached on this system (Linux only): nothing to compare.");
            return 0;
        }
        output.WriteLine($"oneDNN against ATen, relative error max|a − b| / max|b| over {repeats} oneDNN runs, tolerance {ConvolutionGradientProbe.DefaultTolerance:g}; {TorchSharp.torch.get_num_threads()} threads");
        output.WriteLine($"{"configuration",-34} {"output",9} {"dX",9} {"dW",9} {"run-to-run",10}  verdict   CPU time");
        int wrong = 0;
        foreach (var convolutionCase in ConvolutionGradientProbe.Sweep())
        {
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var r = ConvolutionGradientProbe.Measure(convolutionCase, repeats);
            if (!r.Agrees) wrong++;
            output.WriteLine($"{r.Case,-34} {r.OutputError,9:0.0e+0} {r.InputGradientError,9:0.0e+0} {r.WeightGradientError,9:0.0e+0} {r.RepeatSpread,10:0.0e+0}  {(r.Agrees ? "ok" : "WRONG"),-5} {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,6:F0} ms");
        }
        output.WriteLine(wrong == 0 ? "oneDNN agrees with ATen everywhere." : $"{wrong} configuration(s) where oneDNN's result is wrong.");
        return wrong == 0 ? 0 : 1;
    }
}
