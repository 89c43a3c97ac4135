using Gpunomics.Web;

var app = WebApp.Create(args);
app.Run();

/// <summary>The web host's entry point (also what the tests' WebApplicationFactory starts).</summary>
public partial class Program;
