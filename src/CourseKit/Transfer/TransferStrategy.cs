using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Transfer;

/// <summary>How a pretrained network is adapted to a new task (the transfer-learning lecture's table; Yosinski et al. 2014, "How transferable are features in deep neural networks?").</summary>
public enum TransferStrategy
{
    /// <summary>Keep every pretrained layer frozen; train only a new linear classifier on top.</summary>
    LinearClassifier,

    /// <summary>Freeze the first two convolution blocks; fine-tune the last block and the new classifier.</summary>
    FineTuneTop,

    /// <summary>Fine-tune every layer: the pretrained ones with a 10× smaller learning rate than the new classifier.</summary>
    FineTuneAll,

    /// <summary>No pretraining: the same network from random weights (the baseline).</summary>
    FromScratch,
}
