using System.Diagnostics;
using System.Globalization;
using Harness.Torch.Optim;
using NUnit.Framework;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Torch.Tests;

/// <summary>A long training-like loop must not grow the process: every temporary is freed by the
/// per-iteration scope, and native memory stays flat.</summary>
[Fast]
public sealed class MemoryTests
{
    private const int WarmupIterations = 500;
    private const int Iterations = 10_000;
    private const long AllowedGrowthBytes = 20L << 20;

    /// <summary>The resident set size from /proc/self/status, after an aggressive full collection
    /// (which also gives the GC's free regions back to the OS), so that what remains is live managed
    /// objects and native allocations.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    [Test]
    public void Ten_thousand_forward_and_backward_passes_keep_memory_and_live_tensors_flat()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var liveAtStart = Tensor.LiveCount;
        long residentAfterWarmup = 0, residentAtEnd, liveAfterWarmup = 0, liveAtEnd;
        var clock = Stopwatch.StartNew();
        using (torch.NewDisposeScope())
        {
            using var generator = new Generator(11);
            var w1 = (torch.randn([16, 8], generator) * 0.3).requires_grad_();
            var b1 = torch.zeros([16], requires_grad: true);
            var gamma = torch.ones([16], requires_grad: true);
            var beta = torch.zeros([16], requires_grad: true);
            var w2 = (torch.randn([4, 16], generator) * 0.3).requires_grad_();
            using var optimizer = new AdamW([w1, b1, gamma, beta, w2], new AdamWOptions { LearningRate = 1e-3, MaxGradNorm = 1.0 });

            for (var i = 0; i < Iterations; i++)
            {
                if (i == WarmupIterations)
                {
                    residentAfterWarmup = ResidentBytes();
                    liveAfterWarmup = Tensor.LiveCount;
                }

                using var iteration = torch.NewDisposeScope();
                var x = torch.randn([4, 8], generator);                          // 1
                var h = F.linear(x, w1, b1);                                     // 2
                var a = F.gelu(h, GeluApproximation.Tanh);                       // 3
                var n = F.layer_norm(a, [16], gamma, beta);                      // 4
                var r = n + h.silu() * 0.5;                                      // 5-7
                var logits = F.linear(F.dropout(r, 0.1, generator: generator), w2); // 8-9
                var targets = torch.randint(0, 4, [4, 1], generator);            // 10
                var nll = -logits.log_softmax(-1).gather(1, targets).mean();     // 11-14
                var penalty = w1.pow(2).sum() * 1e-4;                            // 15-17
                var loss = nll + penalty;                                        // 18
                optimizer.zero_grad();
                loss.backward();                                                 // 19
                optimizer.step();                                                // 20
            }

            residentAtEnd = ResidentBytes();
            liveAtEnd = Tensor.LiveCount;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var growth = residentAtEnd - residentAfterWarmup;
        TestContext.Out.WriteLine($"{Iterations} iterations in {clock.Elapsed.TotalSeconds:F1} s; RSS after warm-up {residentAfterWarmup >> 20} MiB, growth {growth / 1024} KiB");
        Assert.Multiple(() =>
        {
            Assert.That(growth, Is.LessThan(AllowedGrowthBytes), "resident memory growth between iteration 500 and 10,000");
            Assert.That(liveAtEnd, Is.EqualTo(liveAfterWarmup), "live tensors at the end of the loop == after warm-up");
            Assert.That(Tensor.LiveCount, Is.EqualTo(liveAtStart), "live tensors after the outer scope == before the test");
        });
    }
}
