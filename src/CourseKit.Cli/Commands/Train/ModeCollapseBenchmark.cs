using System.CommandLine;
using System.Diagnostics;
using CourseKit.Generative.Gans;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train modes</c>: mode coverage of the toy GANs of notebook 08 over several seeds (PacGAN's Table 1 protocol).</summary>
internal static class ModeCollapseBenchmark
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Seeds 0 … n−1 per configuration.", DefaultValueFactory = _ => 5 };
        var steps = new Option<int>("--steps") { Description = "Generator steps per run (the last quarter at a tenth of the learning rates).", DefaultValueFactory = _ => ModeCollapse.BenchmarkSteps };
        var mixtureName = new Option<string>("--mixture") { Description = "ring (8 modes) or grid (25 modes).", DefaultValueFactory = _ => "ring" };
        var command = new Command("modes", "Train the toy GANs (plain and PacGAN2) on the ring of 8 or grid of 25 and report modes covered and high-quality samples.") { seeds, steps, mixtureName };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var mixture = parse.GetValue(mixtureName) switch
            {
                "ring" => GaussianMixture2d.Ring(),
                "grid" => GaussianMixture2d.Grid(),
                var other => throw new ArgumentException($"unknown mixture '{other}': use ring or grid"),
            };
            foreach (var (name, settings) in ToyGans.Configurations)
            {
                var runs = new List<ToyGanRun>();
                for (int seed = 0; seed < parse.GetValue(seeds); seed++)
                {
                    var clock = Stopwatch.StartNew();
                    var run = ModeCollapse.Train(mixture, settings, parse.GetValue(steps), seed);
                    runs.Add(run);
                    Console.WriteLine($"{mixture.Name}  {name,-22} seed {seed}: {run.Coverage}  ({clock.Elapsed.TotalSeconds:F0} s)");
                }
                Console.WriteLine($"{mixture.Name}  {name,-22} mean: {runs.Average(r => r.Coverage.ModesCovered):F1}/{mixture.Modes.Length} modes, " +
                                  $"{100 * runs.Average(r => r.Coverage.HighQualityFraction):F1}% high quality");
            }
            return 0;
        });
        return command;
    }
}
