/*
 * Peer runner: Apache Lucene 8.7 (Debian's liblucene8-java) with a Chinese analyzer.
 *
 *   java -cp CLASSPATH LuceneBench cjk|smartcn DOCS QUERIES WORKDIR OUT.json
 *
 * Builds an index of DOCS in WORKDIR/lucene-<analyzer> (timed: reading and
 * parsing the JSON, analysing, indexing, commit), then runs every query of
 * QUERIES twice (a warm-up pass, then the measured pass) and writes the
 * result JSON described in bench/README.md.
 *
 * Index: id (stored keyword), title and body (analysed, stored, so the index
 * holds the text as a database would), date (IntPoint yyyymmdd), page
 * (IntPoint, absent when null).
 *
 * Queries, built programmatically:
 *  - phrase / char2: the text through the analyzer as a phrase (QueryBuilder),
 *    on title OR body;
 *  - char1: a lone character is rarely a token (CJK makes bigrams, smartcn
 *    words), so it is expanded over the term dictionary: prefix "c" OR
 *    wildcard "?c" for CJK bigrams, wildcard "*c*" for smartcn words;
 *  - word, words, filtered, known_item: AND over the terms, each term a phrase
 *    through the analyzer on (title^3 OR body); filters as FILTER clauses on
 *    the point fields. Ranked by BM25.
 * Every search counts all matching documents exactly (no hit-count threshold).
 */

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

public class LuceneBench {
  static final float TITLE_BOOST = 3f;

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: LuceneBench cjk|smartcn DOCS QUERIES WORKDIR OUT.json");
      System.exit(2);
    }
    String kind = args[0];
    Analyzer analyzer = kind.equals("cjk") ? new CJKAnalyzer() : new SmartChineseAnalyzer();
    Path dir = Paths.get(args[3], "lucene-" + kind);
    deleteTree(dir);
    Files.createDirectories(dir);
    Gson gson = new Gson();

    // ---- ingest
    long t0 = System.nanoTime();
    long docs = 0, rawBytes = 0;
    try (FSDirectory fsd = FSDirectory.open(dir)) {
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
      cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      cfg.setRAMBufferSizeMB(256);
      try (IndexWriter w = new IndexWriter(fsd, cfg);
          BufferedReader in = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) continue;
          JsonObject o = gson.fromJson(line, JsonObject.class);
          String title = o.get("title").getAsString(), body = o.get("body").getAsString();
          Document d = new Document();
          d.add(new StringField("id", o.get("id").getAsString(), Field.Store.YES));
          d.add(new TextField("title", title, Field.Store.YES));
          d.add(new TextField("body", body, Field.Store.YES));
          d.add(new IntPoint("date", ymd(o.get("date").getAsString())));
          JsonElement page = o.get("page");
          if (page != null && !page.isJsonNull()) d.add(new IntPoint("page", page.getAsInt()));
          w.addDocument(d);
          docs++;
          rawBytes += title.getBytes(StandardCharsets.UTF_8).length + body.getBytes(StandardCharsets.UTF_8).length;
        }
        w.commit();
      }
    }
    double ingest = (System.nanoTime() - t0) / 1e9;
    long indexBytes = treeSize(dir);
    System.err.printf("lucene-%s: %d docs indexed in %.1f s, index %.1f MB%n", kind, docs, ingest, indexBytes / 1e6);

    // ---- queries
    List<JsonObject> queries = new ArrayList<>();
    for (String l : Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8))
      if (!l.isBlank()) queries.add(gson.fromJson(l, JsonObject.class));
    List<Map<String, Object>> results = new ArrayList<>();
    try (FSDirectory fsd = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(fsd)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      QueryBuilder qb = new QueryBuilder(analyzer);
      for (int pass = 0; pass < 2; pass++) {
        for (JsonObject q : queries) {
          long s = System.nanoTime();
          Query query = build(q, qb, kind);
          TopScoreDocCollector c = TopScoreDocCollector.create(10, Integer.MAX_VALUE);
          searcher.search(query, c);
          TopDocs td = c.topDocs();
          List<String> top = new ArrayList<>();
          for (ScoreDoc sd : td.scoreDocs) top.add(searcher.doc(sd.doc).get("id"));
          double ms = (System.nanoTime() - s) / 1e6;
          if (pass == 1) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", q.get("id").getAsString());
            r.put("kind", q.get("kind").getAsString());
            r.put("ms", ms);
            r.put("hits", td.totalHits.value);
            r.put("top", top);
            results.add(r);
          }
        }
      }
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", "lucene-8.7-" + kind);
    out.put("docs", docs);
    out.put("raw_bytes", rawBytes);
    out.put("ingest_seconds", ingest);
    out.put("index_bytes", indexBytes);
    out.put("notes", kind.equals("cjk")
        ? "CJKAnalyzer bigrams; char1 = prefix c OR wildcard ?c; title^3; text stored"
        : "SmartChineseAnalyzer words; char1 = wildcard *c*; title^3; text stored");
    out.put("queries", results);
    try (Writer wr = Files.newBufferedWriter(Paths.get(args[4]), StandardCharsets.UTF_8)) {
      gson.toJson(out, wr);
    }
  }

  /** The Lucene query of one benchmark query (see the header comment). */
  static Query build(JsonObject q, QueryBuilder qb, String kind) {
    String text = q.get("text").getAsString();
    String qkind = q.get("kind").getAsString();
    if (q.get("phrase").getAsBoolean()) {
      if (qkind.equals("char1") && text.codePointCount(0, text.length()) == 1) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String f : new String[] {"title", "body"}) {
          if (kind.equals("cjk")) {
            b.add(new PrefixQuery(new Term(f, text)), Occur.SHOULD);
            b.add(new WildcardQuery(new Term(f, "?" + text)), Occur.SHOULD);
          } else {
            b.add(new WildcardQuery(new Term(f, "*" + text + "*")), Occur.SHOULD);
          }
        }
        return b.build();
      }
      return either(qb, text, 1f);
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (JsonElement t : q.getAsJsonArray("terms")) all.add(either(qb, t.getAsString(), TITLE_BOOST), Occur.MUST);
    JsonElement from = q.get("from"), to = q.get("to"), page = q.get("page");
    boolean hasFrom = from != null && !from.isJsonNull(), hasTo = to != null && !to.isJsonNull();
    if (hasFrom || hasTo) {
      int lo = hasFrom ? ymd(from.getAsString()) : Integer.MIN_VALUE;
      int hi = hasTo ? ymd(to.getAsString()) : Integer.MAX_VALUE;
      all.add(IntPoint.newRangeQuery("date", lo, hi), Occur.FILTER);
    }
    if (page != null && !page.isJsonNull()) all.add(IntPoint.newExactQuery("page", page.getAsInt()), Occur.FILTER);
    return all.build();
  }

  /** text as a phrase through the analyzer, in title (boosted) OR body. */
  static Query either(QueryBuilder qb, String text, float titleBoost) {
    Query t = qb.createPhraseQuery("title", text), b = qb.createPhraseQuery("body", text);
    if (t == null || b == null) return new MatchNoDocsQuery("no tokens");
    BooleanQuery.Builder bq = new BooleanQuery.Builder();
    bq.add(titleBoost == 1f ? t : new BoostQuery(t, titleBoost), Occur.SHOULD);
    bq.add(b, Occur.SHOULD);
    return bq.build();
  }

  static int ymd(String iso) {
    return Integer.parseInt(iso.replace("-", ""));
  }

  static long treeSize(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
    }
  }
}
