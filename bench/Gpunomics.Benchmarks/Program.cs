using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Gpunomics.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Gpunomics.Benchmarks.IrrBenchmarks).Assembly).Run(args);
