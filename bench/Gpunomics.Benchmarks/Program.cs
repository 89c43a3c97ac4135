using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Gpunomics.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
