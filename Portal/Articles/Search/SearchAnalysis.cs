using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Portal.Articles.Search;

/// <summary>What an analyzer is for: the same language reads text differently for matching, spelling and typing-ahead.</summary>
public enum AnalysisPurpose
{
    /// <summary>Article text going into the index: synonyms expanded, stop words dropped, accents folded, stemmed.</summary>
    Index,
    /// <summary>A reader's query: like <see cref="Index"/> without synonyms (the index already holds them).</summary>
    Query,
    /// <summary>Words as written, only lower-cased: the dictionary behind "did you mean".</summary>
    Spelling,
    /// <summary>Lower-cased and folded, not stemmed, so that what a reader has typed so far is a prefix of a title's word.</summary>
    Prefix,
}

/// <summary>
/// The analysis chain of each language. English, French, German and Spanish: Lucene's stop words and stemmers, with
/// accents folded before stemming so that "Verschlusselung" and "Verschlüsselung" stem alike. Chinese and Japanese:
/// CJK bigrams over width-folded text with hiragana read as katakana, so any two-character piece of a word finds it
/// (including pieces that start with the prolonged-sound mark, like ール in メール).
/// </summary>
public sealed class LanguageAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly NormalizeCharMap HiraganaAsKatakana = BuildKanaMap();

    private readonly string language;
    private readonly AnalysisPurpose purpose;
    private readonly SynonymMap? synonyms;

    public LanguageAnalyzer(string language, AnalysisPurpose purpose, SynonymMap? synonyms = null)
    {
        this.language = language;
        this.purpose = purpose;
        this.synonyms = purpose == AnalysisPurpose.Index ? synonyms : null;
    }

    public static bool IsCjk(string language) => language is "zh" or "ja";

    public bool Cjk => IsCjk(language);

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        Cjk ? new MappingCharFilter(HiraganaAsKatakana, reader) : reader;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        var stream = Cjk ? CjkWords(source) : Words(source);
        if (purpose == AnalysisPurpose.Spelling)
            return new TokenStreamComponents(source, stream);
        if (purpose == AnalysisPurpose.Prefix)
            return new TokenStreamComponents(source, Cjk ? stream : new ASCIIFoldingFilter(stream));

        if (synonyms is not null)
            stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
        stream = new StopFilter(Version, stream, StopWords(language));
        if (Cjk)
            return new TokenStreamComponents(source, stream);
        if (language == "de")
            stream = new GermanNormalizationFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = language switch
        {
            "fr" => new FrenchLightStemFilter(stream),
            "de" => new GermanLightStemFilter(stream),
            "es" => new SpanishLightStemFilter(stream),
            _ => new PorterStemFilter(stream),
        };
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The part of the chain that synonyms are written in: how a synonym file's words are read.</summary>
    private TokenStream Words(Tokenizer source)
    {
        TokenStream stream = source;
        if (language == "en")
            stream = new EnglishPossessiveFilter(Version, stream);
        stream = new LowerCaseFilter(Version, stream);
        if (language == "fr")
            stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
        return stream;
    }

    private static TokenStream CjkWords(Tokenizer source) =>
        new CJKBigramFilter(new LowerCaseFilter(Version, new CJKWidthFilter(source)));

    private static CharArraySet StopWords(string language) => language switch
    {
        "fr" => FrenchAnalyzer.DefaultStopSet,
        "de" => GermanAnalyzer.DefaultStopSet,
        "es" => SpanishAnalyzer.DefaultStopSet,
        "zh" or "ja" => CJKAnalyzer.DefaultStopSet,
        _ => EnglishAnalyzer.DefaultStopSet,
    };

    /// <summary>Readers type メール and めーる alike; one character for one keeps every offset, so highlights stay exact.</summary>
    private static NormalizeCharMap BuildKanaMap()
    {
        var builder = new NormalizeCharMap.Builder();
        for (var c = '\u3041'; c <= '\u3096'; c++)
            builder.Add(c.ToString(), ((char)(c + 0x60)).ToString());
        return builder.Build();
    }
}
