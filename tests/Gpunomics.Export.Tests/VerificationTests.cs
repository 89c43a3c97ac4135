namespace Gpunomics.Export.Tests;

/// <summary>The workbook check's reading of text that shows rounded numbers.</summary>
public class VerificationTests
{
    [Theory]
    [InlineData("month 50: LTV 381.3% above the 78.8% maximum", "month 50: LTV 381.2% above the 78.8% maximum", true)]
    [InlineData("month 3: DSCR 1.21x below the 1.30x minimum", "month 3: DSCR 1.20x below the 1.30x minimum", true)]
    [InlineData("a balance of $12,346 against", "a balance of $12,345 against", false)]
    [InlineData("month 50: LTV 381.3% above the 78.8% maximum", "month 50: LTV 381.1% above the 78.8% maximum", false)]
    [InlineData("month 50: LTV 381.3% above the 78.8% maximum", "month 51: LTV 381.3% above the 78.8% maximum", false)]
    [InlineData("month 3: DSCR 0.00x below", "month 3: DSCR -0.00x below", false)]
    [InlineData("month 3: DSCR below", "month 3: LTV below", false)]
    public void Text_with_rounded_numbers_matches_up_to_one_unit_of_its_last_digit(string expected, string got, bool same) =>
        Assert.Equal(same, Verification.SameUpToTheLastDigit(expected, got));
}
