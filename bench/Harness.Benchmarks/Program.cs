using BenchmarkDotNet.Running;
using Harness.Benchmarks;

// Only runs the switcher (STYLE.md 6): pick benchmarks with --filter, e.g. --filter '*Matmul*'.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BindingConfig).Assembly).Run(args, new BindingConfig());
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
