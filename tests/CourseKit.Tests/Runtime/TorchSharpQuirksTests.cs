using TorchSharp;

namespace CourseKit.Tests.Runtime;

/// <summary>Where TorchSharp 0.107 departs from PyTorch in a way the kit relies on or warns about (README, "Known problems").</summary>
public class TorchSharpQuirksTests
{
    [Fact]
    public void Baddbmm_adds_its_last_argument_and_the_static_form_does_not_follow_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.full(new long[] { 1, 2, 2 }, 100f);
        var batch1 = torch.tensor(new float[] { 1, 2, 3, 4 }).view(1, 2, 2);
        var batch2 = torch.tensor(new float[] { 5, 6, 7, 8 }).view(1, 2, 2);

        // PyTorch: torch.baddbmm(input, batch1, batch2) = input + batch1 @ batch2 = 100 + [[19, 22], [43, 50]].
        // TorchSharp's method takes batch1 as the receiver and input last; Conv2dLayer.Forward calls it this way.
        Assert.Equal(new float[] { 119, 122, 143, 150 }, batch1.baddbmm(batch2, input).data<float>().ToArray());

        // The static form hands its arguments to that method in PyTorch's order, so it computes batch2 + input @ batch1.
        Assert.Equal(new float[] { 405, 606, 407, 608 }, torch.baddbmm(input, batch1, batch2).data<float>().ToArray());
    }
}
