#include "parser/title.h"

#include <array>

#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Separators between a title and its decoration, longest first so " - " wins over "-".
constexpr std::array<std::string_view, 11> kSeparators = {" :: ", " | ", " - ", " – ", " — ", " · ",
                                                          " » ",  " / ", "｜",  " _ ", "_"};

// Names of communities strata targets that pages put in their titles without declaring them
// as og:site_name. Site profiles (config/sites/) will carry these per site.
constexpr std::array<std::string_view, 16> kKnownSiteNames = {
    "博客园",        "cnblogs", "CSDN博客",          "CSDN",     "InfoQ写作社区", "InfoQ",
    "稀土掘金",      "掘金",    "SegmentFault 思否", "思否",     "知乎",          "简书",
    "DEV Community", "Medium",  "开源中国",          "51CTO博客"};

struct Split {
  size_t begin;  // start of the separator
  size_t end;    // end of the separator
};

// Every separator occurrence, left to right.
std::vector<Split> FindSeparators(std::string_view title) {
  std::vector<Split> splits;
  size_t pos = 0;
  while (pos < title.size()) {
    size_t matched = 0;
    for (std::string_view sep : kSeparators) {
      if (title.substr(pos, sep.size()) == sep) {
        matched = sep.size();
        break;
      }
    }
    if (matched > 0) {
      splits.push_back({pos, pos + matched});
      pos += matched;
    } else {
      ++pos;
    }
  }
  return splits;
}

// The registrable-looking label of a host: "www.cnblogs.com" -> "cnblogs",
// "xie.infoq.cn" -> "infoq", "blog.example.co.uk" -> "example".
std::string HostLabel(std::string_view host) {
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    labels.push_back(host.substr(start, dot - start));
    start = dot + 1;
  }
  if (labels.size() < 2) return std::string(host);
  size_t i = labels.size() - 2;
  // Second-level public suffixes: co.uk, com.cn, org.cn...
  if (i > 0 &&
      (labels[i] == "co" || labels[i] == "com" || labels[i] == "org" || labels[i] == "net" ||
       labels[i] == "gov" || labels[i] == "edu" || labels[i] == "ac")) {
    --i;
  }
  return std::string(labels[i]);
}

bool SameText(std::string_view a, std::string_view b) {
  return !a.empty() && EqualsIgnoreCase(TrimSpace(a), TrimSpace(b));
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

// `loose` accepts a segment that merely mentions the site ("Example Blog" on example.com);
// without it only exact names count. Loose matching is for trailing segments: "Title | Site"
// is the common order, and a leading segment that mentions the site is often the title.
bool IsDecoration(std::string_view segment, const TitleSources& hints, bool loose) {
  segment = TrimSpace(segment);
  if (segment.empty()) return true;
  if (SameText(segment, hints.site_name)) return true;
  for (const std::string& name : hints.extra_site_names) {
    if (SameText(segment, name)) return true;
    if (loose && EndsWithIgnoreCase(segment, name) && segment.size() <= name.size() + 40) {
      return true;
    }
  }
  const std::string label = HostLabel(hints.host);
  if (label.size() >= 3 && SameText(segment, label)) return true;
  for (std::string_view name : kKnownSiteNames) {
    if (SameText(segment, name)) return true;
    // "作者的博客-CSDN博客": a known name closing the segment.
    if (loose && EndsWithIgnoreCase(segment, name) && segment.size() <= name.size() + 40) {
      return true;
    }
  }
  if (loose) {
    if (!hints.site_name.empty() &&
        (ContainsIgnoreCase(segment, hints.site_name) ||
         (segment.size() >= 3 && ContainsIgnoreCase(hints.site_name, segment)))) {
      return true;
    }
    if (label.size() >= 3 && ContainsIgnoreCase(segment, label) &&
        segment.size() <= label.size() + 24) {
      return true;
    }
  }
  if (SameText(segment, hints.author)) return true;
  for (const std::string& category : hints.categories) {
    if (SameText(segment, category)) return true;
  }
  return false;
}

// True when `h1` ends where a separator starts in `title` (title = h1 + decoration).
bool TitleStartsWithHeading(std::string_view title, std::string_view h1) {
  if (h1.empty() || title.size() <= h1.size() || !title.starts_with(h1)) return false;
  const std::string_view rest = title.substr(h1.size());
  for (std::string_view sep : kSeparators) {
    if (rest.starts_with(sep)) return true;
  }
  return false;
}

}  // namespace

std::string StripSiteDecoration(std::string_view title_in, const TitleSources& hints) {
  std::string title = CollapseWhitespace(title_in);
  // At most a few rounds: "标题_分类_作者_站点" has three decoration segments.
  for (int round = 0; round < 4; ++round) {
    const std::vector<Split> splits = FindSeparators(title);
    if (splits.empty()) break;
    const std::string_view view = title;
    const std::string_view last = view.substr(splits.back().end);
    const std::string_view first = view.substr(0, splits.front().begin);
    std::string next;
    if (IsDecoration(last, hints, /*loose=*/true)) {
      next = std::string(TrimSpace(view.substr(0, splits.back().begin)));
    } else if (IsDecoration(first, hints, /*loose=*/false)) {
      next = std::string(TrimSpace(view.substr(splits.front().end)));
    } else {
      break;
    }
    if (next.empty()) break;
    title = std::move(next);
  }
  return title;
}

std::string ChooseTitle(const TitleSources& sources) {
  const std::string_view declared[] = {sources.json_ld_headline, sources.microdata_headline,
                                       sources.og_title, sources.html_title};
  // An <h1> the declared title is made of is the title without decoration.
  for (const std::string& h1 : sources.h1s) {
    if (h1.empty() || IsDecoration(h1, sources, /*loose=*/false)) continue;
    for (std::string_view title : declared) {
      const std::string t = CollapseWhitespace(title);
      if (t == h1 || TitleStartsWithHeading(t, h1)) return h1;
    }
  }
  for (std::string_view title : declared) {
    std::string stripped = StripSiteDecoration(title, sources);
    if (!stripped.empty()) return stripped;
  }
  for (const std::string& h1 : sources.h1s) {
    if (!h1.empty()) return h1;
  }
  return "";
}

}  // namespace strata::parser
