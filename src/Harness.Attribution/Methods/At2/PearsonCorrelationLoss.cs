using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>AT2's training loss (trainer.py PearsonCorrelationLoss): minus the Pearson correlation
/// between predictions and outputs over each row's masks, averaged over the rows; population
/// moments, and 1e-8 added to the product of the standard deviations so a constant row gives 0.</summary>
public static class PearsonCorrelationLoss
{
    /// <summary>Source: AT2 trainer.py, the 1e-8 in covariance / (pred_std * target_std + 1e-8).</summary>
    public const double Epsilon = 1e-8;

    /// <summary>The loss, a scalar with its graph, from predictions and targets [B, M].</summary>
    public static Tensor Of(Tensor predictions, Tensor targets)
    {
        var predictionDiff = predictions.sub(predictions.mean(1, keepdim: true));                        // [B, M]
        var targetDiff = targets.sub(targets.mean(1, keepdim: true));                                   // [B, M]
        var covariance = predictionDiff.mul(targetDiff).mean(1);                                        // [B]
        var predictionStd = predictionDiff.square().mean(1).sqrt();                                     // [B]
        var targetStd = targetDiff.square().mean(1).sqrt();                                             // [B]
        var correlation = covariance.div(predictionStd.mul(targetStd).add(Epsilon));                    // [B]
        return correlation.neg().mean();
    }
}
