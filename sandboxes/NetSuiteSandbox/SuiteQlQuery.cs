using System.Globalization;
using System.Text.RegularExpressions;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>The SuiteQL the sandbox understands (docs/netsuite-client.md): <c>SELECT * | col, ... FROM table
/// [WHERE cond [AND cond]...] [ORDER BY id [ASC]]</c>, where a condition, optionally in parentheses, is <c>id</c>
/// compared with a whole number (<c>&gt; &gt;= &lt; &lt;= =</c>) or <c>lastmodifieddate &gt;= | &gt;
/// TO_TIMESTAMP('yyyy-mm-dd hh:mi:ss', 'YYYY-MM-DD HH24:MI:SS')</c> (UTC). Anything else is refused as NetSuite refuses
/// a query it cannot run.</summary>
public sealed partial record SuiteQlQuery(string Table, IReadOnlyList<string>? Columns, long? FromId, long? ToId, DateTimeOffset? ModifiedAfter)
{
    public static SuiteQlQuery Parse(string text)
    {
        var reader = new Reader(Tokenize(text));
        reader.Expect("SELECT");
        List<string>? columns = null;
        if (!reader.Accept("*"))
        {
            columns = [reader.Name()];
            while (reader.Accept(","))
            {
                columns.Add(reader.Name());
            }
        }

        reader.Expect("FROM");
        var query = new SuiteQlQuery(reader.Name(), columns, null, null, null);
        if (reader.Accept("WHERE"))
        {
            do
            {
                query = query.Condition(reader);
            }
            while (reader.Accept("AND"));
        }

        if (reader.Accept("ORDER"))
        {
            reader.Expect("BY");
            reader.Expect("id");
            reader.Accept("ASC");
        }

        return reader.AtEnd ? query : throw SuiteQlError.Unsupported();
    }

    private SuiteQlQuery Condition(Reader reader)
    {
        var parenthesised = reader.Accept("(");
        var column = reader.Name();
        var comparison = reader.Next();
        SuiteQlQuery narrowed;
        if (column == "id")
        {
            var n = reader.Number();
            narrowed = comparison switch
            {
                ">" => this with { FromId = Math.Max(FromId ?? long.MinValue, n + 1) },
                ">=" => this with { FromId = Math.Max(FromId ?? long.MinValue, n) },
                "<" => this with { ToId = Math.Min(ToId ?? long.MaxValue, n) },
                "<=" => this with { ToId = Math.Min(ToId ?? long.MaxValue, n + 1) },
                "=" => this with { FromId = Math.Max(FromId ?? long.MinValue, n), ToId = Math.Min(ToId ?? long.MaxValue, n + 1) },
                _ => throw SuiteQlError.Unsupported(),
            };
        }
        else if (column == "lastmodifieddate" && comparison is ">=" or ">")
        {
            reader.Expect("TO_TIMESTAMP");
            reader.Expect("(");
            var value = reader.Quoted();
            reader.Expect(",");
            if (reader.Quoted() != "YYYY-MM-DD HH24:MI:SS"
                || !DateTimeOffset.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw SuiteQlError.Unsupported();
            }

            reader.Expect(")");
            var after = comparison == ">" ? at.AddTicks(1) : at;
            narrowed = this with { ModifiedAfter = ModifiedAfter is { } earlier && earlier > after ? earlier : after };
        }
        else
        {
            throw SuiteQlError.Unsupported();
        }

        if (parenthesised)
        {
            reader.Expect(")");
        }

        return narrowed;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var position = 0;
        foreach (Match match in TokenPattern().Matches(text))
        {
            if (match.Index != position)
            {
                throw SuiteQlError.Unsupported();
            }

            if (match.Groups["token"].Success)
            {
                tokens.Add(match.Groups["token"].Value);
            }

            position = match.Index + match.Length;
        }

        return position == text.Length ? tokens : throw SuiteQlError.Unsupported();
    }

    [GeneratedRegex(@"\s+|(?<token>[A-Za-z_][A-Za-z0-9_]*|\d+|'[^']*'|>=|<=|[*,()<>=])")]
    private static partial Regex TokenPattern();

    private sealed class Reader(List<string> tokens)
    {
        private int next;

        public bool AtEnd => next == tokens.Count;

        public string Next() => next < tokens.Count ? tokens[next++] : throw SuiteQlError.Unsupported();

        public bool Accept(string token)
        {
            if (next < tokens.Count && tokens[next].Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                next++;
                return true;
            }

            return false;
        }

        public void Expect(string token)
        {
            if (!Accept(token))
            {
                throw SuiteQlError.Unsupported();
            }
        }

        /// <summary>A table or column name, lowercased as NetSuite's names are.</summary>
        public string Name()
        {
            var token = Next();
            return char.IsAsciiLetter(token[0]) || token[0] == '_' ? token.ToLowerInvariant() : throw SuiteQlError.Unsupported();
        }

        public long Number() => long.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw SuiteQlError.Unsupported();

        public string Quoted()
        {
            var token = Next();
            return token.Length >= 2 && token[0] == '\'' ? token[1..^1] : throw SuiteQlError.Unsupported();
        }
    }
}
