//! The command line as clap reads it. Raw flags only: each subcommand turns
//! its arguments into a config (`From`/`TryFrom<…Args>`) before any work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// shuzibao (数字报): an archive engine for Chinese newspapers.
#[derive(Debug, Parser)]
#[command(name = "shuzibao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse issue text files into masthead, teasers and articles.
    ///
    /// Reads text extracted from newspaper pages (UTF-8 with or without BOM,
    /// GB18030/GBK or UTF-16) and prints what it found. With several files and
    /// `--format json`, prints one JSON object per line (JSON Lines).
    Parse(ParseArgs),
    /// Ingest page files, folders or glob patterns into the archive.
    ///
    /// Each file is one page (or a whole issue) and one transaction:
    /// re-ingesting the same text changes nothing, a changed text becomes a
    /// new version (the old one stays in the history). The paper comes from
    /// --paper, else the masthead, else a folder's shuzibao.toml, else the
    /// file name's code (rmrb-20191001-02.txt); the date from --date, else
    /// the file or folder name, else the masthead; the page from --page,
    /// else the file or folder name. A page whose paper is found nowhere is
    /// refused.
    Ingest(IngestArgs),
    /// List the papers and their issues, or the pages without a date.
    Issues(IssuesArgs),
    /// Give a page without a date (or with a wrong one) its date.
    ///
    /// `shuzibao issues --undated` lists such pages with their ids and the
    /// dates guessed for them; `shuzibao date 12 2024-01-01` dates page 12.
    /// Its versions stay; its articles, people and search entries follow.
    Date(DateArgs),
    /// Find the people, organisations and places in a text.
    ///
    /// One paragraph per line, from files or `-` (standard input); each line
    /// gives one line of output: `name/PER name/ORG name/LOC`, or with
    /// --json one JSON object (docs/entities.md). Uses no archive.
    Entities(EntitiesArgs),
    /// Bring an archive made by an older shuzibao up to date.
    ///
    /// Opening an archive never rewrites it: after an update, this migrates
    /// the database and finds the people, places and dates again where the
    /// finder changed, logging each step. `serve` does it when it starts.
    Upgrade(DataArgs),
    /// Search the archive.
    #[command(after_long_help = QUERY_HELP)]
    Search(SearchArgs),
    /// Rebuild the search index from the archive.
    Reindex(DataArgs),
    /// Parse every stored issue again with this version's parser.
    Reparse(DataArgs),
    /// Serve the web edition (an empty archive first gets the sample issues).
    ///
    /// Pages for readers, a JSON API under /api/v1, Atom feeds. Writing
    /// (POST /api/v1/issues) is allowed only with an admin token, from the
    /// environment variable SHUZIBAO_ADMIN_TOKEN or --admin-token-file.
    /// Logs one line per request; Ctrl-C stops it cleanly.
    Serve(ServeArgs),
    /// Export every article of the archive, one JSON object per line.
    Export(ExportArgs),
    /// People of the archive: who is named most, one person's posts over
    /// time, or who held a post on a day.
    ///
    /// `shuzibao people` lists the most named; `shuzibao people 曹立强` shows
    /// the person (or the several people of that name) with posts and
    /// timeline; `shuzibao people --post 区长 --on 2023-03-15` tells who held
    /// the post that day and when it changed hands.
    People(PeopleArgs),
    /// Correct an article as an editor: split, merge, headline, byline,
    /// kind, move a paragraph, hide furniture; or undo a correction.
    ///
    /// Articles are named by their id (`shuzibao corrections PAGE` lists a
    /// page's articles with their ids), paragraphs by their number from 1.
    /// Each correction records its editor (--editor, else $USER) and time,
    /// is kept across `reparse` and new versions of the page, and is undone
    /// by `shuzibao correct undo ID`.
    #[command(subcommand)]
    Correct(CorrectCommand),
    /// List corrections: of one page or of a date (with their pages'
    /// articles and ids, to correct them), of a paper, or all; those that
    /// no longer apply with --stale.
    Corrections(CorrectionsArgs),
    /// Move an archive between a data folder (SQLite) and PostgreSQL.
    ///
    /// Copies every table into a new, empty archive, ids kept, in one
    /// transaction; then counts and hashes (SHA-256) every table on both
    /// sides, prints them and fails unless they agree; then builds the
    /// target's search index.
    Migrate(MigrateArgs),
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The archive to copy: a data folder or a postgres:// URL.
    #[arg(long, value_name = "DIR|URL")]
    pub from: String,
    /// The new archive: a data folder or a postgres:// URL (refused unless empty).
    #[arg(long, value_name = "DIR|URL")]
    pub to: String,
    /// The data folder of the PostgreSQL side (its search index), when
    /// neither is a data folder or to put the target's index elsewhere.
    #[arg(long = "data", value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// `shuzibao correct …`.
#[derive(Debug, Subcommand)]
pub enum CorrectCommand {
    /// Split an article before one of its paragraphs.
    Split {
        /// The article's id.
        article: i64,
        /// The paragraph that opens the new article (2 or more).
        #[arg(long)]
        paragraph: usize,
        /// The new article's title (else its first words).
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Merge another article of the same page into this one.
    Merge {
        /// The article that stays.
        article: i64,
        /// The article merged into it.
        #[arg(long)]
        with: i64,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Set the headline's parts (an empty value takes a part away).
    Headline {
        /// The article's id.
        article: i64,
        /// 引题.
        #[arg(long)]
        kicker: Option<String>,
        /// 主题.
        #[arg(long)]
        title: Option<String>,
        /// 副题.
        #[arg(long)]
        subtitle: Option<String>,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Set the byline: names separated by commas or 、 (an empty value: nobody).
    Byline {
        /// The article's id.
        article: i64,
        /// 记者.
        #[arg(long)]
        reporters: Option<String>,
        /// 摄影.
        #[arg(long)]
        photographers: Option<String>,
        /// Signed authors.
        #[arg(long)]
        authors: Option<String>,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Set the kind: news, briefs, photo, notice, letter, commentary.
    Kind {
        /// The article's id.
        article: i64,
        /// The kind.
        kind: String,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Move a paragraph to another article of the same page.
    Move {
        /// The article the paragraph is in.
        article: i64,
        /// Its number, from 1.
        #[arg(long)]
        paragraph: usize,
        /// The article it goes to.
        #[arg(long)]
        to: i64,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Hide an article that is page furniture, or one paragraph of it.
    Hide {
        /// The article's id.
        article: i64,
        /// Only this paragraph (from 1).
        #[arg(long)]
        paragraph: Option<usize>,
        #[command(flatten)]
        common: CorrectArgs,
    },
    /// Undo a correction (it stays in the history, marked undone).
    Undo {
        /// The correction's id.
        id: i64,
        #[command(flatten)]
        common: CorrectArgs,
    },
}

/// What every correction takes.
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Who corrects (else $USER).
    #[arg(long)]
    pub editor: Option<String>,
    /// The page's revision you read (from `shuzibao corrections PAGE`): a
    /// correction made on another (the page corrected or re-ingested since)
    /// is refused.
    #[arg(long)]
    pub revision: Option<i64>,
    /// Print what was done as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct CorrectionsArgs {
    /// A page's id, or a date (YYYY-MM-DD); all corrections when not given.
    pub which: Option<String>,
    /// Only of this paper.
    #[arg(long)]
    pub paper: Option<String>,
    /// Only those that no longer apply.
    #[arg(long)]
    pub stale: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// A name.
    pub name: Option<String>,
    #[command(flatten)]
    pub data: DataArgs,
    /// A post (区长, 区委书记): who held it over time.
    #[arg(long)]
    pub post: Option<String>,
    /// With --post: who held it on this day (YYYY-MM-DD).
    #[arg(long)]
    pub on: Option<String>,
    /// How many people to list.
    #[arg(long, default_value_t = 30)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// A file holding the admin token that allows POST /api/v1/issues.
    #[arg(long, value_name = "FILE")]
    pub admin_token_file: Option<PathBuf>,
    /// An editor's name and token (16 characters or more), who may correct
    /// articles (and write as the admin does); repeat for each editor.
    #[arg(long = "editor", value_name = "NAME=TOKEN")]
    pub editors: Vec<String>,
    /// A file of editors' tokens, one `NAME=TOKEN` a line (`#` comments):
    /// keeps the tokens out of the process list.
    #[arg(long, value_name = "FILE")]
    pub editors_file: Option<PathBuf>,
    /// The name shown in the header and feeds.
    #[arg(long, default_value = "数字报")]
    pub site_name: String,
    /// The public address of the site (`https://news.example.org`), for the
    /// absolute URLs of OpenSearch, og:url and ninjs; without it they are
    /// built from each request's Host header (and X-Forwarded-Proto).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Do not ingest the sample issues into an empty archive.
    #[arg(long)]
    pub no_samples: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The archive's own article records (with paper, date, page, byline, paragraphs).
    Jsonl,
    /// IPTC ninjs 3.0, one document per line.
    Ninjs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Base URL of the web edition, for ninjs URIs.
    #[arg(long, default_value = "")]
    pub base_url: String,
}

/// The query language, shown by `shuzibao search --help`.
pub const QUERY_HELP: &str = "\
Query language:
  党史 学习教育            all the words, in any order (a run of text is cut into words)
  \"主题教育动员会\"          an exact phrase (any string, even inside a word)
  \"食堂 家门口\"~2           those words in this order, up to 2 words between
  城市更新 -旧改            leave out articles with a word or phrase
  食堂 OR 餐厅              either word
  title:新年贺词            in the headline (引题, 主题, 副题) only
  reporter:刘坤             by a reporter, photographer or signed author
  person:曹立强             by or about a person (in the byline or named in the text)
  page:1   page:2..4        on a page or pages
  date:2023  date:2023-09  date:2023-09-18  date:2023-01..2023-06
  date:*-09-18              that day in any year
  kind:briefs               news, briefs, photo, notice, letter, commentary
Traditional and simplified characters find each other (徐匯 finds 徐汇).";

/// Where the archive lives.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The data folder: the archive database and its search index.
    #[arg(long = "data", value_name = "DIR", default_value = "shuzibao-data", global = true)]
    pub dir: PathBuf,
    /// Keep the archive on a PostgreSQL server (postgres://USER@HOST/DB, or
    /// postgresql:///DB?host=/run/postgresql for a local socket) instead of
    /// the SQLite file in the data folder, which then keeps the search index
    /// and the PDFs. Also SHUZIBAO_DATABASE_URL.
    #[arg(long = "database", value_name = "URL", global = true)]
    pub database: Option<String>,
    /// Keep the PDFs and page images in this folder instead of the data
    /// folder's `files`: a folder every `serve` node of a PostgreSQL archive
    /// reads (a shared mount).
    #[arg(long = "files", value_name = "DIR", global = true)]
    pub files: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Issue text files to parse.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format: `text` for reading by eye, `json` for programs (see ISSUE_JSON.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A summary to check by eye.
    Text,
    /// The issue JSON contract, one object per file.
    Json,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively: .txt and .md) or glob patterns.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// The paper's name (for every file given).
    #[arg(long)]
    pub paper: Option<String>,
    /// The publication date (YYYY-MM-DD), for one file.
    #[arg(long)]
    pub date: Option<String>,
    /// The page (2, A3), for one file.
    #[arg(long)]
    pub page: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IssuesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Only this paper.
    #[arg(long)]
    pub paper: Option<String>,
    /// The pages without a date, with their ids and the dates guessed for them.
    #[arg(long)]
    pub undated: bool,
    /// The least certain articles of the issue of this date (YYYY-MM-DD; with
    /// `--paper` when several papers have one that day): those whose
    /// boundaries or headline the parser was least sure of, for editors to
    /// check first.
    #[arg(long, value_name = "DATE", conflicts_with = "undated")]
    pub doubtful: Option<chrono::NaiveDate>,
    /// How many articles `--doubtful` lists.
    #[arg(long, default_value_t = 10, requires = "doubtful")]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Text files, one paragraph per line; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// One JSON object per line: the text and its entities with character offsets.
    #[arg(long)]
    pub json: bool,
    /// Named events (`…会议`, `…博览会`) too.
    #[arg(long)]
    pub events: bool,
}

#[derive(Debug, Args)]
pub struct DateArgs {
    /// The page's id (from `shuzibao issues --undated`).
    pub page: i64,
    /// Its date, YYYY-MM-DD.
    pub date: String,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see the query language below).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Only articles published on or after this date (2023, 2023-09 or 2023-09-18).
    #[arg(long)]
    pub from: Option<String>,
    /// Only articles published on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only articles by this reporter, photographer or author.
    #[arg(long)]
    pub reporter: Option<String>,
    /// Only articles by or about this person (byline or text).
    #[arg(long)]
    pub person: Option<String>,
    /// Only articles on this page.
    #[arg(long)]
    pub page: Option<u32>,
    /// Only articles of this paper.
    #[arg(long)]
    pub paper: Option<String>,
    /// Only articles of this kind (news, briefs, photo, notice, letter, commentary).
    #[arg(long)]
    pub kind: Option<String>,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// How many results to skip (for the next page).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the results.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}
