using Harness.Models.Loading;
using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>The cell's attribution of one item made again, with the item's seed, on a copy of the model whose top
/// layers are re-initialised as <paramref name="randomisation"/> says (the model randomisation check). The runner
/// provides it: it holds the attributor and loads the copy.</summary>
public delegate Reattribution ReattributeOnRandomizedModel(TopLayerReinitialisation randomisation, CancellationToken cancellationToken);

/// <summary>The scores of an attribution made again (one per source, as the cell's) and what it cost.</summary>
public sealed record Reattribution(float[] Scores, CostRecord Cost);
