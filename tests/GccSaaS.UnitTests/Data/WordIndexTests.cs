using GccSaaS.BuildingBlocks.Data;

namespace GccSaaS.UnitTests.Data;

/// <summary>
/// Issue 16: the one word search. A search is split into words exactly as the database splits a name (white space and
/// the same punctuation), lower-case, each word once, at most five; the customers search keeps a domain's start whole.
/// </summary>
public sealed class WordIndexTests
{
    [Theory]
    [InlineData("  Adatum  ", new[] { "adatum" })]
    [InlineData("Fabrikam, Inc.", new[] { "fabrikam", "inc" })]
    [InlineData("A&B (US)/East+West_Co@#*|x-y", new[] { "a", "b", "us", "east", "west" })]
    [InlineData("alpha ALPHA beta", new[] { "alpha", "beta" })]
    [InlineData("c1.example.gov", new[] { "c1", "example", "gov" })]
    [InlineData("", new string[0])]
    [InlineData(" ,;- ", new string[0])]
    public void A_search_is_split_like_the_database_splits_a_name(string search, string[] words) =>
        Assert.Equal(words, WordIndex.Of(search));

    [Fact]
    public void The_customers_search_keeps_a_domains_start_whole_but_not_a_dotted_phrase()
    {
        Assert.Equal(["c1.example.g"], WordIndex.Of("C1.Example.G", dottedTextIsOneWord: true));
        Assert.Equal(["contoso", "ltd"], WordIndex.Of("Contoso Ltd.", dottedTextIsOneWord: true));
    }

    [Fact]
    public void At_most_five_words_are_looked_up() =>
        Assert.Equal(WordIndex.MaxSearchWords, WordIndex.Of("one two three four five six seven").Count);

    [Fact]
    public void No_search_is_no_words() => Assert.Empty(WordIndex.Of(null));
}
