#include "parser/block_page.h"

#include <array>
#include <span>
#include <string>

#include "parser/charset.h"
#include "parser/content_type.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Only the start of a response is read: block pages are small, and this runs on the fetch
// policy layer's one thread for every response.
constexpr size_t kScanBytes = 256 * 1024;
// Most responses are articles, which show more than kShortPageBytes of text early on: a scan
// of this much of the body tells them apart without decoding kScanBytes (this runs on the fetch
// policy layer's one thread).
constexpr size_t kQuickScanBytes = 32 * 1024;
// Bytes of visible text (UTF-8, spaces not counted) past which a page holds an article's worth
// of text: markers (phrases, captcha markup) count only on pages with less, so an article about
// captchas, or one that quotes "Access denied", is never taken for a block page. Bytes rather
// than characters because a CJK character (3 bytes) carries about as much as an English word
// of 3 letters: 1500 bytes is ~250 English words or ~500 Chinese characters, while the block
// pages seen in the wild show under 400 bytes (a verification box, "Just a moment...").
constexpr size_t kShortPageBytes = 1500;
// Phrases in the visible text, and a password field, count only on a page with no more text
// than a dialog: a short post may quote "Just a moment..." or close with a login box.
constexpr size_t kDialogBytes = 600;
// Below this, a 2xx page has no article at all: a shell.
constexpr size_t kShellBytes = 60;
// A phrase found in the title counts when it is most of the title ("安全验证 - CSDN",
// "Attention Required! | Cloudflare"), not when an article's title mentions it.
constexpr size_t kMaxTitleRemainderBytes = 24;
// DetectLostArticle: an article whose text fell under this many bytes, to a quarter or less of
// the archived version's, lost it to a shell or a block page.
constexpr size_t kLostArticleBytes = 240;
constexpr size_t kLostArticleRatio = 4;
// Non-HTML bodies of 401/403/429 up to this size are block answers (JSON or text "Forbidden").
constexpr size_t kTinyBodyBytes = 4096;
// Visible text kept for the phrase tests.
constexpr size_t kSampleBytes = 8192;

// Interstitials: anti-bot and WAF pages, Chinese and English. Matched ignoring ASCII case in
// the title and the visible text of short pages.
constexpr std::array<std::string_view, 26> kInterstitialPhrases = {
    "安全验证",
    "请完成验证",
    "请完成安全验证",
    "人机验证",
    "滑动验证",
    "拖动滑块",
    "访问验证",
    "请进行验证",
    "访问过于频繁",
    "访问被拒绝",
    "Just a moment...",
    "Checking your browser",
    "Verify you are human",
    "Verify you are a human",
    "not a robot",
    "Are you a robot",
    "Attention Required",
    "Access denied",
    "You don't have permission to access",
    "Request blocked",
    "Request unsuccessful",
    "Pardon Our Interruption",
    "Enable JavaScript and cookies to continue",
    "DDoS protection by",
    "Security check",
    "Too Many Requests",
};

// Challenge markup (scripts, containers, ids) that only interstitials carry, matched in the
// lower-cased tags and scripts (never the visible text) of short pages. reCAPTCHA and hCaptcha
// are not here: blogs put them on comment forms under short posts.
constexpr std::array<std::string_view, 8> kChallengeMarkup = {
    "cf_chl_", "challenge-platform", "cf-challenge", "challenges.cloudflare.com",
    "geetest", "nc_1_wrapper",       "nocaptcha",    "tcaptcha",
};

// Login walls: the page (or what the article shows) asks to sign in first.
constexpr std::array<std::string_view, 22> kLoginPhrases = {
    "登录后查看",
    "登录后可查看",
    "登录后阅读",
    "登录后才能查看",
    "登录即可查看",
    "登录后继续",
    "请先登录",
    "请登录后",
    "Sign in to continue",
    "Log in to continue",
    "Login to continue",
    "Sign in to view",
    "Log in to view",
    "Sign in to read",
    "Log in to read",
    "You must be logged in",
    "You need to sign in",
    "You need to log in",
    "Please log in",
    "Please sign in",
    "Members only",
    "This story is for members only",
};

// Ids of the element a client-side app renders into.
constexpr std::array<std::string_view, 6> kAppRootIds = {"app",    "root",     "__next",
                                                         "__nuxt", "__layout", "main-app"};

std::optional<std::string_view> FindPhrase(std::string_view text,
                                           std::span<const std::string_view> phrases) {
  for (std::string_view phrase : phrases) {
    if (ContainsIgnoreCase(text, phrase)) return phrase;
  }
  return std::nullopt;
}

// A phrase that is most of `title`.
std::optional<std::string_view> FindTitlePhrase(std::string_view title,
                                                std::span<const std::string_view> phrases) {
  std::optional<std::string_view> phrase = FindPhrase(title, phrases);
  if (phrase && title.size() - phrase->size() > kMaxTitleRemainderBytes) return std::nullopt;
  return phrase;
}

// What a light scan of the page finds (no DOM: a tokenizer good enough for counting text).
struct PageScan {
  std::string title;         // whitespace collapsed
  std::string text;          // visible text, whitespace collapsed, at most kSampleBytes
  size_t visible_bytes = 0;  // non-space bytes of visible text
  bool password_input = false;
  int scripts = 0;
  std::string app_root;  // id of an app root element, "" when none
  std::string markup;    // tags' attributes and scripts, lower case (for kChallengeMarkup)
};

bool IsNameChar(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == '_'; }

// The position after the '>' that closes the tag starting at `pos` ('<'), honouring quoted
// attribute values; the end of `html` when it never closes.
size_t TagEnd(std::string_view html, size_t pos) {
  char quote = 0;
  for (size_t i = pos + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// The value of attribute `name` in a tag's attribute text (lower-cased), "" when absent.
std::string AttributeValue(std::string_view attrs, std::string_view name) {
  for (size_t at = attrs.find(name); at != std::string_view::npos; at = attrs.find(name, at + 1)) {
    if (at > 0 && IsNameChar(attrs[at - 1])) continue;
    size_t i = at + name.size();
    while (i < attrs.size() && IsAsciiSpace(attrs[i])) ++i;
    if (i >= attrs.size() || attrs[i] != '=') continue;
    ++i;
    while (i < attrs.size() && IsAsciiSpace(attrs[i])) ++i;
    if (i >= attrs.size()) return "";
    if (attrs[i] == '"' || attrs[i] == '\'') {
      const size_t end = attrs.find(attrs[i], i + 1);
      return std::string(attrs.substr(i + 1, end == std::string_view::npos ? end : end - i - 1));
    }
    size_t end = i;
    while (end < attrs.size() && !IsAsciiSpace(attrs[end]) && attrs[end] != '>' &&
           attrs[end] != '/') {
      ++end;
    }
    return std::string(attrs.substr(i, end - i));
  }
  return "";
}

class Scanner {
 public:
  // `count_only`: only visible_bytes is wanted (the quick pass): attributes, scripts, the title
  // and the text itself are not kept.
  explicit Scanner(std::string_view html, bool count_only = false)
      : html_(html), count_only_(count_only) {}

  PageScan Run() && {
    size_t i = 0;
    while (i < html_.size() && scan_.visible_bytes <= kShortPageBytes) {
      if (html_[i] != '<') {
        const size_t next = html_.find('<', i);
        AddText(html_.substr(i, next == std::string_view::npos ? next : next - i));
        i = next == std::string_view::npos ? html_.size() : next;
        continue;
      }
      i = Markup(i);
    }
    return std::move(scan_);
  }

 private:
  // Handles the markup starting at `pos` ('<'); returns where the text goes on.
  size_t Markup(size_t pos) {
    std::string_view rest = html_.substr(pos);
    if (rest.starts_with("<!--")) {
      const size_t end = html_.find("-->", pos + 4);
      return end == std::string_view::npos ? html_.size() : end + 3;
    }
    if (rest.size() < 2 ||
        !(IsAsciiAlpha(rest[1]) || rest[1] == '/' || rest[1] == '!' || rest[1] == '?')) {
      AddText("<");  // a lone '<' is text
      return pos + 1;
    }
    const size_t end = TagEnd(html_, pos);
    const bool closing = rest[1] == '/';
    size_t name_end = pos + (closing ? 2 : 1);
    while (name_end < end && IsNameChar(html_[name_end])) ++name_end;
    const std::string name =
        AsciiLowercase(html_.substr(pos + (closing ? 2 : 1), name_end - pos - (closing ? 2 : 1)));
    Separate();
    if (closing) return end;
    const std::string attrs =
        count_only_ ? std::string() : AsciiLowercase(html_.substr(name_end, end - name_end));
    scan_.markup += attrs;
    if (name == "script" || name == "style" || name == "noscript" || name == "template" ||
        name == "svg" || name == "textarea") {
      // Their content is not visible text (a <noscript> "enable JavaScript" note is what a
      // shell shows to crawlers, not an article).
      const size_t past = SkipPast(end, name);
      if (name == "script" && !count_only_) {
        ++scan_.scripts;
        scan_.markup += AsciiLowercase(html_.substr(end, past - end));
      }
      return past;
    }
    if (name == "title") {
      const size_t close = FindIgnoreCase(html_, "</title", end);
      const size_t stop = close == std::string_view::npos ? html_.size() : close;
      if (scan_.title.empty() && !count_only_) {
        scan_.title = CollapseWhitespace(html_.substr(end, stop - end));
      }
      return close == std::string_view::npos ? stop : TagEnd(html_, close);
    }
    if (count_only_) return end;
    if (name == "input" && AttributeValue(attrs, "type") == "password") {
      scan_.password_input = true;
    }
    if (scan_.app_root.empty()) {
      const std::string id = AttributeValue(attrs, "id");
      for (std::string_view root : kAppRootIds) {
        if (id == root) scan_.app_root = id;
      }
    }
    return end;
  }

  // The position after "</name ...>" following `from`, or the end.
  size_t SkipPast(size_t from, std::string_view name) {
    const std::string close = "</" + std::string(name);
    const size_t at = FindIgnoreCase(html_, close, from);
    return at == std::string_view::npos ? html_.size() : TagEnd(html_, at);
  }

  void AddText(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (IsAsciiSpace(static_cast<char>(c))) {
        pending_space_ = true;
        continue;
      }
      ++scan_.visible_bytes;
      if (!count_only_ && scan_.text.size() < kSampleBytes) {
        if (pending_space_ && !scan_.text.empty()) scan_.text.push_back(' ');
        scan_.text.push_back(static_cast<char>(c));
      }
      pending_space_ = false;
    }
  }

  void Separate() { pending_space_ = true; }

  std::string_view html_;
  const bool count_only_;
  PageScan scan_;
  bool pending_space_ = false;
};

bool IsHtmlType(const ContentType& type, std::string_view body) {
  if (type.mime.find("html") != std::string::npos) return true;
  if (!type.mime.empty() && type.mime != "application/octet-stream" && type.mime != "text/plain") {
    return false;
  }
  const std::string_view start = TrimSpace(body.substr(0, 512));
  return start.starts_with('<');
}

std::string Quoted(std::string_view phrase) { return "\"" + std::string(phrase) + "\""; }

std::string ShellDescription(const PageScan& scan) {
  std::string what =
      scan.visible_bytes == 0 ? "no text" : std::to_string(scan.visible_bytes) + " bytes of text";
  if (!scan.app_root.empty()) what += ", an app root (#" + scan.app_root + ")";
  if (scan.scripts > 0) {
    what += ", " + std::to_string(scan.scripts) + (scan.scripts == 1 ? " script" : " scripts");
  }
  return what;
}

}  // namespace

std::optional<std::string> DetectBlockResponse(int http_status, std::string_view content_type,
                                               std::string_view body) {
  const bool success = http_status >= 200 && http_status < 300;
  const bool refused = http_status == 401 || http_status == 403 || http_status == 429;
  if (!success && !refused) return std::nullopt;
  const std::string status = "HTTP " + std::to_string(http_status);

  const ContentType type = ParseContentType(content_type);
  if (!IsHtmlType(type, body)) {
    if (refused && body.size() <= kTinyBodyBytes) {
      return status + " with a " + std::to_string(body.size()) + "-byte " +
             (type.mime.empty() ? std::string("body") : type.mime + " body") + ": a block answer";
    }
    return std::nullopt;  // JSON, feeds, images: not pages that could be block pages
  }

  if (body.size() > kQuickScanBytes) {
    // The raw bytes, undecoded: in UTF-8 and in the legacy CJK and single-byte charsets markup
    // is ASCII and no byte of a character is '<', so visible bytes can be counted as they are
    // (a GBK character is 2 bytes where UTF-8 has 3: conservative). UTF-16 and UTF-32 have NUL
    // bytes in ASCII text and take the full path. Visible text only grows with more of the
    // page, so an article's worth in the prefix settles it.
    const std::string_view prefix = body.substr(0, kQuickScanBytes);
    if (prefix.find('\0') == std::string_view::npos &&
        Scanner(prefix, /*count_only=*/true).Run().visible_bytes > kShortPageBytes) {
      return std::nullopt;
    }
  }
  const std::string_view head = body.substr(0, kScanBytes);
  const DecodedHtml decoded = DecodeHtml(head, type.charset);
  const PageScan scan = Scanner(decoded.text()).Run();
  if (scan.visible_bytes > kShortPageBytes) {
    return std::nullopt;  // an article's worth of text: never a block page
  }

  if (auto phrase = FindTitlePhrase(scan.title, kInterstitialPhrases)) {
    return "anti-bot interstitial: " + Quoted(*phrase) + " (" + status + ")";
  }
  const bool dialog = scan.visible_bytes <= kDialogBytes;
  if (auto phrase = FindPhrase(dialog ? scan.text : "", kInterstitialPhrases)) {
    return "anti-bot interstitial: " + Quoted(*phrase) + " (" + status + ")";
  }
  for (std::string_view marker : kChallengeMarkup) {
    if (scan.markup.find(marker) != std::string::npos) {
      return "anti-bot challenge: captcha markup " + Quoted(marker) + " (" + status + ")";
    }
  }
  if (auto phrase = FindTitlePhrase(scan.title, kLoginPhrases)) {
    return "login wall: " + Quoted(*phrase) + " (" + status + ")";
  }
  if (auto phrase = FindPhrase(dialog ? scan.text : "", kLoginPhrases)) {
    return "login wall: " + Quoted(*phrase) + " (" + status + ")";
  }
  if (scan.password_input && dialog) {
    return "login wall: a login form is the page (" + status + ")";
  }
  if (refused) {
    return status + " with a " + std::to_string(body.size()) + "-byte page" +
           (scan.title.empty() ? std::string() : " " + Quoted(scan.title)) + ": a block page";
  }
  if (scan.visible_bytes < kShellBytes) {
    return "empty shell: no article, " + ShellDescription(scan) + " (" + status + ")";
  }
  return std::nullopt;
}

size_t TextBytes(const Article& article) {
  size_t bytes = 0;
  for (char c : article.body) bytes += IsAsciiSpace(c) ? 0 : 1;
  return bytes;
}

bool MayHaveLostArticle(const Article& fetched) {
  return TextBytes(fetched) < kLostArticleBytes &&
         fetched.body_html.find("<img") == std::string::npos;
}

std::optional<std::string> DetectLostArticle(const Article& fetched, const Article& archived,
                                             int64_t archived_version) {
  if (!MayHaveLostArticle(fetched)) return std::nullopt;
  const size_t now = TextBytes(fetched);
  const size_t before = TextBytes(archived);
  if (before < kLostArticleBytes || before < kLostArticleRatio * now) return std::nullopt;
  return "almost no article text (" + std::to_string(now) + " bytes, where version " +
         std::to_string(archived_version) + " has " + std::to_string(before) +
         "): an empty shell or a block page, not a new version";
}

std::optional<std::string> DetectBlockedArticle(const Article& article) {
  // The wall closes the teaser: look at the last few lines only, and only at short ones (a
  // sentence of the article that mentions signing in is longer, and not at the very end).
  constexpr int kLastLines = 3;
  constexpr size_t kMaxWallLineBytes = 120;
  std::string_view body = TrimSpace(article.body);
  for (int n = 0; n < kLastLines && !body.empty(); ++n) {
    const size_t newline = body.rfind('\n');
    const std::string_view line =
        TrimSpace(newline == std::string_view::npos ? body : body.substr(newline + 1));
    if (line.size() <= kMaxWallLineBytes) {
      if (auto phrase = FindPhrase(line, kLoginPhrases)) {
        return "login wall: the article is cut off at " + Quoted(line);
      }
    }
    body = newline == std::string_view::npos ? std::string_view() : body.substr(0, newline);
  }
  return std::nullopt;
}

}  // namespace strata::parser
