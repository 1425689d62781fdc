using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Simple;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Portal.Articles.Search;

/// <summary>
/// The full-text index of the published articles in one language, in memory. <see cref="Sync"/> brings it up to a
/// list of documents (adding, replacing and deleting only what changed); searches run on a near-real-time searcher,
/// so a change is visible to the next query.
/// </summary>
public sealed class LanguageIndex : IDisposable
{
    private const string SlugField = "slug", CategoryField = "category", OrderField = "order";
    private const string TitleField = "title", TagsField = "tags", SummaryField = "summary", BodyField = "body";
    /// <summary>Every word as written (lower-cased): the dictionary that "did you mean" picks corrections from.</summary>
    private const string SpellingField = "spelling";
    /// <summary>The title's words folded but not stemmed, for suggestions while the reader is still typing a word.</summary>
    private const string TitlePrefixField = "title_prefix";

    /// <summary>Title over tags over summary over body.</summary>
    private static readonly Dictionary<string, float> FieldWeights = new()
    {
        [TitleField] = 4f, [TagsField] = 3f, [SummaryField] = 2f, [BodyField] = 1f,
    };

    /// <summary>A word this long or longer also matches words one typo away (two from eight letters on).</summary>
    public const int FuzzyMinLetters = 5;
    private const float FuzzyWeight = 0.4f;

    private readonly RAMDirectory directory = new();
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly Analyzer queryAnalyzer, spellingAnalyzer, prefixAnalyzer;
    private readonly Analyzer fieldAnalyzer;
    private readonly Dictionary<string, SearchDocument> indexed = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock writeLock = new();

    public LanguageIndex(string language, SearchSynonyms? synonyms)
    {
        Language = language;
        IsCjk = LanguageAnalyzer.IsCjk(language);
        var indexAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Index, synonyms?.MapFor(language));
        queryAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Query);
        spellingAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Spelling);
        prefixAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Prefix);
        fieldAnalyzer = new PerFieldAnalyzerWrapper(indexAnalyzer, new Dictionary<string, Analyzer>
        {
            [SpellingField] = spellingAnalyzer,
            [TitlePrefixField] = prefixAnalyzer,
        });
        writer = new IndexWriter(directory, new IndexWriterConfig(LanguageAnalyzer.Version, fieldAnalyzer) { OpenMode = OpenMode.CREATE });
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
    }

    public string Language { get; }
    public bool IsCjk { get; }
    public int Count { get { lock (writeLock) return indexed.Count; } }
    public long SizeInBytes => directory.GetSizeInBytes();

    /// <summary>Makes the index hold exactly these documents; returns how many were added, replaced or removed.</summary>
    public int Sync(IEnumerable<SearchDocument> documents)
    {
        lock (writeLock)
        {
            var changes = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                if (!seen.Add(document.Slug))
                    continue;
                if (indexed.TryGetValue(document.Slug, out var old))
                {
                    if (old == document)
                        continue;
                    writer.UpdateDocument(new Term(SlugField, document.Slug), ToLucene(document));
                }
                else
                {
                    writer.AddDocument(ToLucene(document));
                }
                indexed[document.Slug] = document;
                changes++;
            }
            foreach (var gone in indexed.Keys.Where(slug => !seen.Contains(slug)).ToArray())
            {
                writer.DeleteDocuments(new Term(SlugField, gone));
                indexed.Remove(gone);
                changes++;
            }
            if (changes > 0)
                searchers.MaybeRefreshBlocking();
            return changes;
        }
    }

    private static Document ToLucene(SearchDocument d)
    {
        var all = $"{d.Title}\n{d.Tags}\n{d.Summary}\n{d.Body}";
        return
        [
            new StringField(SlugField, d.Slug, Field.Store.YES),
            new StringField(CategoryField, d.Category, Field.Store.YES),
            new StoredField(OrderField, d.Order),
            new TextField(TitleField, d.Title, Field.Store.YES),
            new TextField(TagsField, d.Tags, Field.Store.NO),
            new TextField(SummaryField, d.Summary, Field.Store.YES),
            new Field(BodyField, d.Body, BodyFieldType),
            new TextField(TitlePrefixField, d.Title, Field.Store.NO),
            new Field(SpellingField, all, SpellingFieldType),
        ];
    }

    /// <summary>Term vectors with offsets let the snippet of a hit be cut without analysing its text again.</summary>
    private static readonly FieldType BodyFieldType = new(TextField.TYPE_STORED)
    {
        StoreTermVectors = true, StoreTermVectorPositions = true, StoreTermVectorOffsets = true,
    };

    private static readonly FieldType SpellingFieldType = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };

    /// <summary>
    /// Ranked hits for a reader's query. Quotes make a phrase; any other syntax is plain text (the parser never fails).
    /// With no hit, a spelling one or two edits away that would find articles is offered as <see cref="IndexResult.DidYouMean"/>.
    /// </summary>
    public IndexResult Search(string text, string? category = null, int limit = 20, bool snippets = true)
    {
        var result = Run(text, category, limit, snippets);
        if (result.Total > 0)
            return result;
        // Nothing has every word: rank what has some of them (stray syntax or one unknown word must not empty the page).
        result = Run(text, category, limit, snippets, Occur.SHOULD);
        if (result.Total > 0 || IsCjk)
            return result;
        var corrected = Correct(text);
        return corrected is not null && Run(corrected, category, 1, false, Occur.SHOULD).Total > 0
            ? result with { DidYouMean = corrected }
            : result;
    }

    private IndexResult Run(string text, string? category, int limit, bool snippets, Occur words = Occur.MUST)
    {
        var searcher = searchers.Acquire();
        try
        {
            var query = Parse(text, words, searcher.IndexReader);
            if (query is null)
                return IndexResult.Empty;
            var filter = string.IsNullOrEmpty(category) ? null : new QueryWrapperFilter(new TermQuery(new Term(CategoryField, category)));
            // Rewritten once (typo-tolerant words become the words they match) for both the search and the snippets.
            var rewritten = searcher.Rewrite(query);
            var top = searcher.Search(rewritten, filter, limit);
            var hits = new List<IndexHit>(top.ScoreDocs.Length);
            var highlight = snippets && top.ScoreDocs.Length > 0 ? new Highlight(rewritten, searcher.IndexReader) : null;
            foreach (var scoreDoc in top.ScoreDocs)
            {
                var document = searcher.Doc(scoreDoc.Doc);
                var snippet = highlight is null ? [] : Snippet(highlight, scoreDoc.Doc, document);
                hits.Add(Hit(document, scoreDoc.Score, snippet));
            }
            // Equal scores keep the help center's reading order.
            var ranked = hits.OrderByDescending(h => h.Score).ThenBy(h => h.Order).ToArray();
            return new IndexResult(ranked, top.TotalHits, null);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>What highlighting a page of hits needs from the query, prepared once.</summary>
    private sealed class Highlight(Query rewritten, IndexReader reader)
    {
        public IndexReader Reader { get; } = reader;
        public Query Rewritten { get; } = rewritten;
        private IReadOnlyList<BytesRef>? bodyTerms;
        public IReadOnlyList<BytesRef> BodyTerms => bodyTerms ??= SnippetHighlighter.TermsOf(Rewritten, BodyField);
    }

    private IReadOnlyList<SnippetPart> Snippet(Highlight highlight, int docId, Document document)
    {
        var size = IsCjk ? 90 : 180;
        return SnippetHighlighter.FromVector(highlight.Reader, docId, BodyField, document.Get(BodyField), highlight.BodyTerms, size)
            ?? SnippetHighlighter.Best(highlight.Rewritten, fieldAnalyzer, SummaryField, document.Get(SummaryField), size)
            ?? SnippetHighlighter.Lead(document.Get(SummaryField) is { Length: > 0 } summary ? summary : document.Get(BodyField), size);
    }

    private static IndexHit Hit(Document document, float score, IReadOnlyList<SnippetPart> snippet) =>
        new(document.Get(SlugField), document.Get(CategoryField), document.Get(TitleField), document.GetField(OrderField)?.GetInt32Value() ?? 0, score, snippet);

    private Query? Parse(string text, Occur words, IndexReader reader)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.Length > MaxQueryLength)
            text = text[..MaxQueryLength]; // pasted paragraphs: their start is what matters, and the cost stays bounded
        // Readers type words, not Lucene syntax: "title:relay" is two words (the tokenizer would keep it as one), and
        // an unclosed quote would make the rest of the query one phrase, so such a query is read as plain words.
        var plain = new string(text.Select(c => SyntaxCharacters.Contains(c) ? ' ' : c).ToArray());
        if (plain.Count(c => c == '"') % 2 == 1)
            plain = plain.Replace('"', ' ');
        return new ReaderQueryParser(this, words, reader).Parse(plain.Trim());
    }

    private const int MaxQueryLength = 200;

    private static readonly System.Buffers.SearchValues<char> SyntaxCharacters = System.Buffers.SearchValues.Create(":^~*()[]{}\\!|+");

    /// <summary>
    /// Articles whose title contains what the reader has typed so far (the last word may be unfinished), then
    /// articles that the full search finds, for the search box to offer while typing.
    /// </summary>
    public IReadOnlyList<IndexHit> Suggest(string text, int limit)
    {
        var tokens = Tokens(prefixAnalyzer, TitlePrefixField, text).Select(t => t.Term).ToList();
        if (tokens.Count == 0)
            return [];
        var titles = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++)
        {
            var term = new Term(TitlePrefixField, tokens[i]);
            titles.Add(i == tokens.Count - 1 && !char.IsWhiteSpace(text[^1]) ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
        }
        var hits = new List<IndexHit>();
        var searcher = searchers.Acquire();
        try
        {
            foreach (var scoreDoc in searcher.Search(titles, limit).ScoreDocs)
            {
                var document = searcher.Doc(scoreDoc.Doc);
                hits.Add(Hit(document, scoreDoc.Score, []));
            }
        }
        finally
        {
            searchers.Release(searcher);
        }
        if (hits.Count < limit)
            hits.AddRange(Run(text, null, limit, snippets: false).Hits.Where(h => hits.All(t => t.Slug != h.Slug)));
        return hits.Take(limit).ToArray();
    }

    /// <summary>The query with each word that no article contains replaced by the closest word that some article does.</summary>
    public string? Correct(string text)
    {
        var searcher = searchers.Acquire();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, SpellingField);
            if (terms is null)
                return null;
            var corrected = text;
            var changed = false;
            foreach (var (word, start, end) in Tokens(spellingAnalyzer, SpellingField, text).OrderByDescending(t => t.Start))
            {
                if (word.Length < 2 || searcher.IndexReader.DocFreq(new Term(SpellingField, word)) > 0)
                    continue;
                if (Closest(terms, word) is not { } replacement)
                    continue;
                corrected = corrected[..start] + replacement + corrected[end..];
                changed = true;
            }
            return changed ? corrected : null;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static string? Closest(Terms terms, string word)
    {
        var attributes = new AttributeSource();
        var boost = attributes.AddAttribute<IBoostAttribute>();
        var maxEdits = word.Length >= 5 ? 2 : 1;
        var candidates = new FuzzyTermsEnum(terms, attributes, new Term(SpellingField, word), maxEdits, 0, transpositions: true);
        string? best = null;
        (float Similarity, int DocFreq) bestScore = (0, 0);
        while (candidates.MoveNext())
        {
            var score = (boost.Boost, candidates.DocFreq);
            if (best is null || score.Boost > bestScore.Similarity || (score.Boost == bestScore.Similarity && score.DocFreq > bestScore.DocFreq))
            {
                best = candidates.Term.Utf8ToString();
                bestScore = score;
            }
        }
        return best;
    }

    private static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            tokens.Add((term.ToString(), offsets.StartOffset, offsets.EndOffset));
        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        directory.Dispose();
        fieldAnalyzer.Dispose();
    }

    /// <summary>
    /// Lucene's simple query syntax with only quotes enabled: everything else a reader types is text. Each word is
    /// searched in every field with that field's weight; Latin-script words of five letters or more also match a typo
    /// away; Chinese and Japanese words are phrases of their bigrams, so a piece matches only where it is written.
    /// </summary>
    private sealed class ReaderQueryParser : SimpleQueryParser
    {
        /// <summary>A typo-tolerant word matches at most this many spellings: the closest ones.</summary>
        private const int FuzzyExpansions = 10;

        private readonly LanguageIndex index;
        private readonly IndexReader reader;

        public ReaderQueryParser(LanguageIndex index, Occur words, IndexReader reader)
            : base(index.queryAnalyzer, FieldWeights, Operator.PHRASE_OPERATOR | Operator.WHITESPACE_OPERATOR)
        {
            this.index = index;
            this.reader = reader;
            DefaultOperator = words;
        }

        protected override Query? NewDefaultQuery(string text)
        {
            var fuzzy = index.IsCjk ? null : FuzzyTerm(text);
            var query = new BooleanQuery(disableCoord: true);
            foreach (var (field, weight) in m_weights)
            {
                var exact = index.IsCjk ? CreatePhraseQuery(field, text) : CreateBooleanQuery(field, text, DefaultOperator);
                if (exact is not null)
                {
                    exact.Boost = weight;
                    query.Add(exact, Occur.SHOULD);
                }
                if (fuzzy is not null)
                    query.Add(new FuzzyQuery(new Term(field, fuzzy.Value.Term), fuzzy.Value.MaxEdits, prefixLength: 1, FuzzyExpansions, transpositions: true) { Boost = weight * FuzzyWeight }, Occur.SHOULD);
            }
            return query.Clauses.Count == 0 ? null : query;
        }

        private (string Term, int MaxEdits)? FuzzyTerm(string text)
        {
            var letters = text.Count(char.IsLetter);
            if (letters < FuzzyMinLetters)
                return null;
            var tokens = Tokens(index.queryAnalyzer, BodyField, text);
            if (tokens.Count != 1)
                return null;
            // A word the articles use is no typo: matching its neighbours too would only blur the ranking (and cost time).
            var term = tokens[0].Term;
            if (m_weights.Keys.Any(field => reader.DocFreq(new Term(field, term)) > 0))
                return null;
            return (term, letters >= 8 ? 2 : 1);
        }
    }
}
