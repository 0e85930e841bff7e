using CourseKit.Runtime;

namespace CourseKit.Tests.Runtime;

/// <summary>
/// TorchRuntime turns NNPACK off, so libtorch never prints "Could not initialize NNPACK!" (the notebook suite also
/// checks that `coursekit run` prints no such line).
/// </summary>
public class NnpackSwitchTests
{
    [Fact]
    public void Initialize_turns_nnpack_off_on_linux()
    {
        TorchRuntime.Initialize();
        if (OperatingSystem.IsLinux())
            Assert.False(NnpackSwitch.Enabled);
        else
            Assert.Null(NnpackSwitch.Enabled);
    }
}
