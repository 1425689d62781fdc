using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
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
    /// <summary>How much a spelling one or two typos away counts against the word as typed.</summary>
    private const float TypoWeight = 0.4f;
    /// <summary>An unknown word is searched as at most this many known spellings: the closest, then the most used.</summary>
    private const int TypoSpellings = 3;

    private readonly RAMDirectory directory = new();
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly Analyzer queryAnalyzer, spellingAnalyzer, prefixAnalyzer;
    private readonly Dictionary<string, SearchDocument> indexed = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock writeLock = new();
    /// <summary>How articles are analysed when indexed; replaced (under <see cref="writeLock"/>) when the synonyms change.</summary>
    private IndexAnalysis analysis;

    public LanguageIndex(string language, SearchSynonyms? synonyms)
    {
        Language = language;
        IsCjk = LanguageAnalyzer.IsCjk(language);
        queryAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Query);
        spellingAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Spelling);
        prefixAnalyzer = new LanguageAnalyzer(language, AnalysisPurpose.Prefix);
        analysis = new IndexAnalysis(this, synonyms?.MapFor(language));
        // Every write passes the current analysis itself; the configuration's analyzer is never used after a reload.
        writer = new IndexWriter(directory, new IndexWriterConfig(LanguageAnalyzer.Version, analysis.Fields) { OpenMode = OpenMode.CREATE });
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>The index-time analyzer per field: synonyms expanded in the searched fields, words as written in the others.</summary>
    private sealed class IndexAnalysis : IDisposable
    {
        private readonly LanguageAnalyzer withSynonyms;

        public IndexAnalysis(LanguageIndex index, Lucene.Net.Analysis.Synonym.SynonymMap? synonyms)
        {
            withSynonyms = new LanguageAnalyzer(index.Language, AnalysisPurpose.Index, synonyms);
            Fields = new PerFieldAnalyzerWrapper(withSynonyms, new Dictionary<string, Analyzer>
            {
                [SpellingField] = index.spellingAnalyzer,
                [TitlePrefixField] = index.prefixAnalyzer,
            });
        }

        public Analyzer Fields { get; }

        /// <summary>The wrapper keeps its own per-thread token streams; the shared spelling and prefix analyzers stay open.</summary>
        public void Dispose()
        {
            Fields.Dispose();
            withSynonyms.Dispose();
        }
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
                    writer.UpdateDocument(new Term(SlugField, document.Slug), ToLucene(document), analysis.Fields);
                }
                else
                {
                    writer.AddDocument(ToLucene(document), analysis.Fields);
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

    /// <summary>
    /// Indexes every article again with new synonym groups. Searches keep using the previous searcher until the new
    /// one is complete, so no search sees half of the articles.
    /// </summary>
    public void UseSynonyms(SearchSynonyms synonyms)
    {
        lock (writeLock)
        {
            var previous = analysis;
            analysis = new IndexAnalysis(this, synonyms.MapFor(Language));
            writer.DeleteAll();
            foreach (var document in indexed.Values)
                writer.AddDocument(ToLucene(document), analysis.Fields);
            searchers.MaybeRefreshBlocking();
            previous.Dispose();
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
            new NumericDocValuesField(OrderField, d.Order),
            new TextField(TitleField, d.Title, Field.Store.YES),
            new TextField(TagsField, d.Tags, Field.Store.NO),
            new Field(SummaryField, d.Summary, SnippetFieldType),
            new Field(BodyField, d.Body, SnippetFieldType),
            new TextField(TitlePrefixField, d.Title, Field.Store.NO),
            new Field(SpellingField, all, SpellingFieldType),
        ];
    }

    /// <summary>Offsets in the postings let the snippet of a hit be cut without analysing its text again.</summary>
    private static readonly FieldType SnippetFieldType = new(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    };

    private static readonly FieldType SpellingFieldType = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };

    /// <summary>
    /// Ranked hits for a reader's query, <paramref name="limit"/> of them after the first <paramref name="skip"/>.
    /// Quotes make a phrase; any other syntax is plain text (the parser never fails). With no hit, a spelling close
    /// enough that it would find articles is offered as <see cref="IndexResult.DidYouMean"/>.
    /// </summary>
    public IndexResult Search(string text, string? category = null, int limit = 20, bool snippets = true, int skip = 0)
    {
        var result = Run(text, category, skip, limit, snippets);
        if (result.Total > 0)
            return result;
        // Nothing has every word: rank what has some of them (stray syntax or one unknown word must not empty the page).
        result = Run(text, category, skip, limit, snippets, Occur.SHOULD);
        if (result.Total > 0)
            return result;
        var corrected = Correct(text);
        return corrected is not null && Run(corrected, category, 0, 1, false, Occur.SHOULD).Total > 0
            ? result with { DidYouMean = corrected }
            : result;
    }

    /// <summary>Best score first; equal scores keep the help center's reading order, the same on every page.</summary>
    private static readonly Sort Ranking = new(SortField.FIELD_SCORE, new SortField(OrderField, SortFieldType.INT32));

    private static readonly HashSet<string> HitFields = [SlugField, CategoryField, TitleField, OrderField];
    private static readonly HashSet<string> SnippetHitFields = [.. HitFields, SummaryField, BodyField];

    private IndexResult Run(string text, string? category, int skip, int limit, bool snippets, Occur words = Occur.MUST)
    {
        var searcher = searchers.Acquire();
        try
        {
            var query = Parse(text, words, searcher.IndexReader);
            if (query is null)
                return IndexResult.Empty;
            var filter = string.IsNullOrEmpty(category) ? null : new QueryWrapperFilter(new TermQuery(new Term(CategoryField, category)));
            skip = Math.Max(0, skip);
            // The ranking never needs to be longer than the index: a deep page number cannot make the collector large.
            var wanted = (int)Math.Clamp((long)skip + limit, 1, Math.Max(1, searcher.IndexReader.MaxDoc));
            var top = searcher.Search(query, filter, wanted, Ranking, doDocScores: true, doMaxScore: false);
            var page = top.ScoreDocs.Skip(skip).Take(limit).ToArray();
            var hits = new List<IndexHit>(page.Length);
            var highlight = snippets && page.Length > 0 ? new Highlight(query, searcher.IndexReader) : null;
            foreach (var scoreDoc in page)
            {
                var document = searcher.Doc(scoreDoc.Doc, highlight is null ? HitFields : SnippetHitFields);
                var snippet = highlight is null ? [] : Snippet(highlight, scoreDoc.Doc, document);
                hits.Add(Hit(document, scoreDoc.Score, snippet));
            }
            return new IndexResult(hits, top.TotalHits, null);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>What highlighting a page of hits needs from the query, prepared once.</summary>
    private sealed class Highlight(Query query, IndexReader reader)
    {
        public IndexReader Reader { get; } = reader;
        private IReadOnlyList<BytesRef>? bodyTerms, summaryTerms;
        public IReadOnlyList<BytesRef> BodyTerms => bodyTerms ??= SnippetHighlighter.TermsOf(query, BodyField);
        public IReadOnlyList<BytesRef> SummaryTerms => summaryTerms ??= SnippetHighlighter.TermsOf(query, SummaryField);
    }

    private IReadOnlyList<SnippetPart> Snippet(Highlight highlight, int docId, Document document)
    {
        var size = IsCjk ? 90 : 180;
        var summary = document.Get(SummaryField) ?? "";
        var body = document.Get(BodyField) ?? "";
        return SnippetHighlighter.FromPostings(highlight.Reader, docId, BodyField, body, highlight.BodyTerms, size)
            ?? SnippetHighlighter.FromPostings(highlight.Reader, docId, SummaryField, summary, highlight.SummaryTerms, size)
            ?? SnippetHighlighter.Lead(summary.Length > 0 ? summary : body, size);
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
            hits.AddRange(Run(text, null, 0, limit, snippets: false).Hits.Where(h => hits.All(t => t.Slug != h.Slug)));
        return hits.Take(limit).ToArray();
    }

    /// <summary>
    /// The query with each word that no article contains replaced by the closest word that some article does.
    /// Chinese and Japanese have no spaces between words and their typos are a wrong character from the input method
    /// (加秘 for 加密), so a run of characters is corrected instead (<see cref="CorrectRun"/>).
    /// </summary>
    public string? Correct(string text)
    {
        var searcher = searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            if (MultiFields.GetTerms(reader, SpellingField) is not { } terms)
                return null;
            var tokens = Tokens(spellingAnalyzer, SpellingField, text);
            var replacements = new List<(int Start, int End, string Text)>();
            foreach (var token in tokens.Where(t => !t.IsCjk))
            {
                if (token.Term.Length < 2 || reader.DocFreq(new Term(SpellingField, token.Term)) > 0)
                    continue;
                if (Closest(terms, token.Term, token.Term.Length >= 5 ? 2 : 1, prefixLength: 0, count: 1) is [var replacement])
                    replacements.Add((token.Start, token.End, replacement));
            }
            foreach (var run in CjkRuns(tokens))
            {
                if (CorrectRun(reader, terms, run.Characters) is { } replacement)
                    replacements.Add((run.Start, run.End, replacement));
            }
            if (replacements.Count == 0)
                return null;
            var corrected = text;
            foreach (var (start, end, replacement) in replacements.OrderByDescending(r => r.Start))
                corrected = corrected[..start] + replacement + corrected[end..];
            return corrected;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Known spellings within <paramref name="maxEdits"/> of a word: the closest first, then the most used. One edit
    /// is tried first: nearly every typo is one, and the automaton for two edits costs ten times as much to build.
    /// </summary>
    private static List<string> Closest(Terms terms, string word, int maxEdits, int prefixLength, int count)
    {
        for (var edits = 1; edits <= maxEdits; edits++)
        {
            if (Within(terms, word, edits, prefixLength, count) is { Count: > 0 } found)
                return found;
        }
        return [];
    }

    private static List<string> Within(Terms terms, string word, int maxEdits, int prefixLength, int count)
    {
        var attributes = new AttributeSource();
        var boost = attributes.AddAttribute<IBoostAttribute>();
        var candidates = new FuzzyTermsEnum(terms, attributes, new Term(SpellingField, word), maxEdits, prefixLength, transpositions: true);
        var found = new List<(string Term, float Similarity, int DocFreq)>();
        while (candidates.MoveNext())
            found.Add((candidates.Term.Utf8ToString(), boost.Boost, candidates.DocFreq));
        return found.Where(c => c.Term != word)
            .OrderByDescending(c => c.Similarity).ThenByDescending(c => c.DocFreq).ThenBy(c => c.Term, StringComparer.Ordinal)
            .Take(count).Select(c => c.Term).ToList();
    }

    /// <summary>A run of Chinese or Japanese characters in a query, as the index reads them (width- and kana-folded).</summary>
    private sealed record CjkRun(string Characters, int Start, int End);

    /// <summary>Consecutive bigrams overlap by one character; a gap (space, Latin word) ends a run.</summary>
    private static List<CjkRun> CjkRuns(List<Token> tokens)
    {
        var runs = new List<CjkRun>();
        CjkRun? current = null;
        foreach (var token in tokens.Where(t => t.Type == CJKBigramFilter.DOUBLE_TYPE))
        {
            if (current is not null && token.Start < current.End)
            {
                current = current with { Characters = current.Characters + token.Term[^1], End = token.End };
                continue;
            }
            if (current is not null)
                runs.Add(current);
            current = new CjkRun(token.Term, token.Start, token.End);
        }
        if (current is not null)
            runs.Add(current);
        return runs;
    }

    /// <summary>The most likely candidates tried for one wrong character; each costs a search.</summary>
    private const int CjkCandidatesTried = 5;

    /// <summary>
    /// A run of three or more characters that articles do not contain, with one wrong character: where some pieces
    /// (bigrams) are unknown they all hold the wrong position, otherwise any position may be wrong. The characters on
    /// both sides of it (one side at the ends) leave few characters that make known pieces with them; the run is
    /// replaced by the first such spelling that articles contain as written, trying first the same kana with or
    /// without voicing marks (ト for ド), then the most used. Two characters are not corrected: with one neighbour to
    /// go by, dozens of known pieces fit, and offering one of them would be a guess, not a correction.
    /// </summary>
    private string? CorrectRun(IndexReader reader, Terms terms, string run)
    {
        if (run.Length < 3)
            return null;
        var unknown = Enumerable.Range(0, run.Length - 1)
            .Where(i => reader.DocFreq(new Term(SpellingField, run.Substring(i, 2))) == 0)
            .ToArray();
        if (unknown.Length == 0 && Finds(run))
            return null;
        var candidates = new List<(string Run, bool Voicing, long Uses)>();
        for (var position = 0; position < run.Length; position++)
        {
            if (!unknown.All(piece => piece == position || piece + 1 == position))
                continue;
            foreach (var character in CharactersBeside(terms, run, position))
            {
                var candidate = string.Concat(run.AsSpan(0, position), character.ToString(), run.AsSpan(position + 1));
                var first = Math.Max(0, position - 1);
                var uses = Enumerable.Range(first, Math.Min(run.Length - 2, position) - first + 1)
                    .Select(i => (long)reader.DocFreq(new Term(SpellingField, candidate.Substring(i, 2))))
                    .ToArray();
                if (uses.All(u => u > 0))
                    candidates.Add((candidate, SameKana(run[position], character), uses.Min()));
            }
        }
        return candidates
            .OrderByDescending(c => c.Voicing).ThenByDescending(c => c.Uses).ThenBy(c => c.Run, StringComparer.Ordinal)
            .Take(CjkCandidatesTried)
            .Select(c => c.Run)
            .FirstOrDefault(Finds);
    }

    private bool Finds(string run) => Run($"\"{run}\"", null, 0, 1, false).Total > 0;

    /// <summary>ト and ド, ハ and パ: one kana with and without a voicing mark (the same letter once decomposed).</summary>
    private static bool SameKana(char a, char b) =>
        a.ToString().Normalize(System.Text.NormalizationForm.FormD)[0] == b.ToString().Normalize(System.Text.NormalizationForm.FormD)[0];

    /// <summary>Characters that form a known piece with the character before <paramref name="position"/> (or after it, at the start).</summary>
    private static IEnumerable<char> CharactersBeside(Terms terms, string run, int position)
    {
        var termsEnum = terms.GetEnumerator();
        if (position > 0)
        {
            var before = new BytesRef(run[position - 1].ToString());
            if (termsEnum.SeekCeil(before) == TermsEnum.SeekStatus.END)
                yield break;
            do
            {
                if (!StringHelper.StartsWith(termsEnum.Term, before))
                    yield break;
                var piece = termsEnum.Term.Utf8ToString();
                if (piece.Length == 2 && piece[1] != run[position])
                    yield return piece[1];
            }
            while (termsEnum.MoveNext());
            yield break;
        }
        // No character before the first one: every piece that ends in the second character.
        while (termsEnum.MoveNext())
        {
            var piece = termsEnum.Term.Utf8ToString();
            if (piece.Length == 2 && piece[1] == run[1] && piece[0] != run[0])
                yield return piece[0];
        }
    }

    private readonly record struct Token(string Term, int Start, int End, string Type)
    {
        public bool IsCjk => Type is CJKBigramFilter.DOUBLE_TYPE or CJKBigramFilter.SINGLE_TYPE;
    }

    private static List<Token> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            tokens.Add(new Token(term.ToString(), offsets.StartOffset, offsets.EndOffset, type.Type));
        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        directory.Dispose();
        analysis.Dispose();
        queryAnalyzer.Dispose();
        spellingAnalyzer.Dispose();
        prefixAnalyzer.Dispose();
    }

    /// <summary>
    /// Lucene's simple query syntax with only quotes enabled: everything else a reader types is text. Each word is
    /// searched in every field with that field's weight; Chinese and Japanese words are phrases of their bigrams, so a
    /// piece matches only where it is written. A Latin-script word of five letters or more that no article uses is a
    /// typo: it is searched as the few closest words that articles do use, found once in the dictionary of words as
    /// written (not with a fuzzy query per field, which built the same automata four times over the stemmed terms).
    /// </summary>
    private sealed class ReaderQueryParser : SimpleQueryParser
    {
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
            var query = new BooleanQuery(disableCoord: true);
            AddWord(query, text, 1f);
            if (!index.IsCjk)
            {
                foreach (var spelling in Spellings(text))
                    AddWord(query, spelling, TypoWeight);
            }
            return query.Clauses.Count == 0 ? null : query;
        }

        private void AddWord(BooleanQuery query, string text, float weight)
        {
            foreach (var (field, fieldWeight) in m_weights)
            {
                var exact = index.IsCjk ? CreatePhraseQuery(field, text) : CreateBooleanQuery(field, text, DefaultOperator);
                if (exact is null)
                    continue;
                exact.Boost = fieldWeight * weight;
                query.Add(exact, Occur.SHOULD);
            }
        }

        /// <summary>The spellings an unknown word of five letters or more stands for; none for a word the articles use.</summary>
        private List<string> Spellings(string text)
        {
            var letters = text.Count(char.IsLetter);
            if (letters < FuzzyMinLetters)
                return [];
            var analysed = Tokens(index.queryAnalyzer, BodyField, text);
            if (analysed.Count != 1 || m_weights.Keys.Any(field => reader.DocFreq(new Term(field, analysed[0].Term)) > 0))
                return [];
            var written = Tokens(index.spellingAnalyzer, SpellingField, text);
            if (written.Count != 1 || MultiFields.GetTerms(reader, SpellingField) is not { } terms)
                return [];
            // The first letter is rarely the mistyped one, and keeping it lets the automaton skip most of the dictionary.
            return Closest(terms, written[0].Term, letters >= 8 ? 2 : 1, prefixLength: 1, TypoSpellings);
        }
    }
}
