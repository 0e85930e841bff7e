using CourseKit.Grading.Isolation;
using CourseKit.Runtime;

// The autograder's child process. Started only by CourseKit.Grading's WorkerHost, inside the sandbox:
//   CourseKit.GradingWorker <socket path>      (the channel key arrives on stdin)
// It loads a submission's compiled answers and returns the values they compute. It decides nothing.
// Also the compiler process of a submission's answers (CompilerProcess): requests on stdin, assemblies on stdout.
if (args is ["compile"]) return CourseKit.Grading.Compilation.CompileServer.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
if (args.Length != 1)
{
    Console.Error.WriteLine("CourseKit.GradingWorker is started by `coursekit grade`; it is not meant to be run by hand.");
    return 2;
}
int threads = int.TryParse(Environment.GetEnvironmentVariable("COURSEKIT_WORKER_THREADS"), out int t) ? t : 1;
TorchRuntime.Initialize(threads);
return WorkerLoop.Run(args[0]);
