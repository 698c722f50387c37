#include "parser/counters.h"

#include <re2/re2.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <string>

#include "parser/content_hints.h"
#include "parser/date_parse.h"
#include "parser/dom.h"
#include "parser/regex_prefilter.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Multiplier of a unit suffix; 0 when `unit` is not one.
int64_t UnitMultiplier(std::string_view unit) {
  if (unit.empty()) return 1;
  if (unit == "k" || unit == "K" || unit == "千") return 1'000;
  if (unit == "w" || unit == "W" || unit == "万") return 10'000;
  if (unit == "m" || unit == "M") return 1'000'000;
  if (unit == "亿") return 100'000'000;
  if (unit == "b" || unit == "B") return 1'000'000'000;
  return 0;
}

bool MulAdd(int64_t value, int64_t mul, int64_t add, int64_t* out) {
  if (value > (kMax - add) / mul) return false;
  *out = value * mul + add;
  return true;
}

enum class Field { kViews, kLikes, kComments };

struct CounterPattern {
  Field field;
  bool number_first;        // "1,234 views" rather than "views: 1,234"
  std::unique_ptr<RE2> re;  // group 1: the number; group 2 (optional): a duration unit
};

// A count, then (optionally) a duration unit that disqualifies it, then no letter: so that
// "12 min" is neither 12M nor a count.
#define STRATA_NUM "(\\d[\\d,.]*(?:\\s?(?:万|亿|千|[kmwb]))?\\+?)"
#define STRATA_TAIL "(?:\\s*(分钟|分|秒|小时|mins?|minutes?|hours?|hrs?))?(?:[^a-z]|$)"
#define STRATA_OPEN "\\s*[:：]?\\s*[(（\\[【]?\\s*"

const std::vector<CounterPattern>& Patterns() {
  static const std::vector<CounterPattern>* patterns = [] {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto* list = new std::vector<CounterPattern>();
    auto add = [&](Field field, const std::string& re) {
      const bool number_first = re.starts_with(STRATA_NUM);
      list->push_back({field, number_first, std::make_unique<RE2>(re, options)});
    };
    add(Field::kViews,
        "(?:阅读数|阅读量|阅读次数|阅读|浏览数|浏览量|浏览次数|浏览|访问量|点击量|点击数|观看次数|"
        "播放量)" STRATA_OPEN STRATA_NUM STRATA_TAIL);
    add(Field::kViews,
        STRATA_NUM "()\\s*(?:次阅读|次浏览|人阅读|人浏览|人看过|次观看|次播放|阅读|浏览)");
    add(Field::kViews, STRATA_NUM "()\\s*(?:views?|reads?|pageviews?|visits?|hits)\\b");
    add(Field::kViews, "\\b(?:views?|reads?|pageviews?|hits)\\s*[:：]\\s*" STRATA_NUM STRATA_TAIL);
    add(Field::kLikes, "(?:点赞数|点赞|赞同|推荐|喜欢|赞)" STRATA_OPEN STRATA_NUM STRATA_TAIL);
    add(Field::kLikes, STRATA_NUM "()\\s*(?:人点赞|次点赞|人赞同|人喜欢|个赞|赞)");
    add(Field::kLikes, STRATA_NUM "()\\s*(?:likes?|claps?|reactions?|upvotes?)\\b");
    add(Field::kLikes, "\\b(?:likes?|claps?|reactions?)\\s*[:：]\\s*" STRATA_NUM STRATA_TAIL);
    add(Field::kComments, "(?:评论数|评论|留言|回复数|回复)" STRATA_OPEN STRATA_NUM STRATA_TAIL);
    add(Field::kComments, STRATA_NUM "()\\s*(?:条评论|个评论|评论|条留言|条回复)");
    add(Field::kComments, STRATA_NUM "()\\s*(?:comments?|responses?|replies)\\b");
    add(Field::kComments, "\\bcomments?\\s*[:：]\\s*" STRATA_NUM STRATA_TAIL);
    return list;
  }();
  return *patterns;
}

// Which of Patterns() can match a line, in one scan.
const RegexPrefilter& PatternFilter() {
  // Never destroyed, as the patterns are not: threads may still match at exit.
  static const RegexPrefilter* filter = RegexPrefilter::For(Patterns()).release();
  return *filter;
}

#undef STRATA_NUM
#undef STRATA_TAIL
#undef STRATA_OPEN

std::optional<int64_t>* Slot(Field field, Counters* counters) {
  switch (field) {
    case Field::kViews:
      return &counters->views;
    case Field::kLikes:
      return &counters->likes;
    case Field::kComments:
      return &counters->comments;
  }
  return &counters->views;
}

// True when the element's class or id says it shows the view count. Only views are read
// from bare numbers: a bare number in a "comment-count" or "like" element is as often another
// post's counter in a list.
bool NamesViewCount(const GumboNode* node) {
  const ClassId class_id = GetClassId(node);
  for (std::string_view word : {"view", "pageview", "read", "pv", "visit", "hits", "click"}) {
    if (HasHintWord(class_id, word)) return true;
  }
  return false;
}

}  // namespace

std::optional<int64_t> ParseCount(std::string_view text) {
  std::string_view s = TrimSpace(text);
  while (!s.empty() && s.back() == '+') s.remove_suffix(1);
  s = TrimSpace(s);
  if (s.empty() || !IsAsciiDigit(s.front())) return std::nullopt;

  // Split off the unit: the trailing non-digit part.
  size_t number_end = 0;
  while (number_end < s.size() &&
         (IsAsciiDigit(s[number_end]) || s[number_end] == ',' || s[number_end] == '.')) {
    ++number_end;
  }
  std::string_view number = s.substr(0, number_end);
  const std::string_view unit = TrimSpace(s.substr(number_end));
  const int64_t multiplier = UnitMultiplier(unit);
  if (multiplier == 0) return std::nullopt;

  // Separate integer and fraction. Commas group thousands; a dot is a decimal point, except
  // without a unit, where "1.234" / "1.234.567" group thousands (a fractional count is not a
  // count).
  std::string integer_digits, fraction_digits;
  bool in_fraction = false;
  const size_t dots = static_cast<size_t>(std::count(number.begin(), number.end(), '.'));
  const bool dot_groups_thousands = multiplier == 1 && dots > 0;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (c == ',') {
      // A thousands separator: exactly three digits follow ("1,2k" is not 12k).
      size_t j = i + 1;
      while (j < number.size() && IsAsciiDigit(number[j])) ++j;
      if (in_fraction || j - i - 1 != 3) return std::nullopt;
      continue;
    }
    if (c == '.') {
      if (dot_groups_thousands) {
        // Each group after a dot has exactly three digits.
        size_t j = i + 1;
        while (j < number.size() && IsAsciiDigit(number[j])) ++j;
        if (j - i - 1 != 3) return std::nullopt;
        continue;
      }
      if (in_fraction) return std::nullopt;
      in_fraction = true;
      continue;
    }
    (in_fraction ? fraction_digits : integer_digits).push_back(c);
  }
  if (integer_digits.empty() || integer_digits.size() > 18) return std::nullopt;
  if (in_fraction && fraction_digits.empty()) return std::nullopt;
  if (fraction_digits.size() > 9) fraction_digits.resize(9);

  int64_t integer = 0;
  for (char c : integer_digits) {
    if (!MulAdd(integer, 10, c - '0', &integer)) return std::nullopt;
  }
  int64_t fraction = 0, scale = 1;
  for (char c : fraction_digits) {
    fraction = fraction * 10 + (c - '0');
    scale *= 10;
  }
  // fraction / scale * multiplier, rounded half up. No overflow: fraction < 1e9 and
  // multiplier <= 1e9, so 2 * fraction * multiplier + scale < 2.1e18 < 2^63.
  const int64_t fraction_value = (fraction * multiplier * 2 + scale) / (2 * scale);
  int64_t value = 0;
  if (!MulAdd(integer, multiplier, fraction_value, &value)) return std::nullopt;
  return value;
}

Counters FindCountersInText(std::string_view line) {
  Counters found;
  // Every count starts with an ASCII digit (ParseCount): a line without one has none, and
  // most lines have none. The patterns below are the costly part.
  if (std::none_of(line.begin(), line.end(), [](char c) { return IsAsciiDigit(c); })) {
    return found;
  }
  // "November 15, 2019 View PDF": a number inside a date is not a count. Looked for only
  // when a count is (most lines have none).
  std::optional<std::optional<DateMatch>> date;
  auto in_date = [&date, line](size_t begin, size_t end) {
    if (!date) date = FindDateMatch(line);
    return date->has_value() && begin < (*date)->end && end > (*date)->begin;
  };
  const re2::StringPiece input(line.data(), line.size());
  size_t best_pos[3] = {line.size(), line.size(), line.size()};
  re2::StringPiece groups[3];
  // Numbers a keyword before them already claimed: in "点赞 30 评论数 12", 30 is the likes and
  // not the "30 评论" a number-first pattern would read.
  std::vector<std::pair<size_t, size_t>> claimed;
  auto is_claimed = [&claimed](size_t begin, size_t end) {
    for (const auto& [b, e] : claimed) {
      if (begin < e && end > b) return true;
    }
    return false;
  };
  const uint64_t candidates = PatternFilter().Candidates(line);
  if (candidates == 0) return found;
  for (int pass = 0; pass < 2; ++pass) {
    size_t index = 0;
    for (const CounterPattern& pattern : Patterns()) {
      if (((candidates >> index++) & 1) == 0) continue;  // it matches nowhere in the line
      if (pattern.number_first != (pass == 1)) continue;
      size_t start = 0;
      while (start < line.size() &&
             pattern.re->Match(input, start, line.size(), RE2::UNANCHORED, groups, 3)) {
        const size_t pos = static_cast<size_t>(groups[1].data() - line.data());
        const size_t field = static_cast<size_t>(pattern.field);
        if (pos >= best_pos[field]) break;
        const bool is_duration = groups[2].data() != nullptr && !groups[2].empty();
        const size_t end = pos + groups[1].size();
        std::optional<int64_t> value;
        if (!is_duration && !is_claimed(pos, end) && !in_date(pos, end)) {
          value = ParseCount(std::string_view(groups[1].data(), groups[1].size()));
        }
        if (value) {
          best_pos[field] = pos;
          *Slot(pattern.field, &found) = value;
          claimed.emplace_back(pos, end);
          break;
        }
        start = pos + std::max<size_t>(groups[1].size(), 1);
      }
    }
  }
  return found;
}

Counters FindCountersInElements(const std::vector<const GumboNode*>& elements) {
  Counters found;
  for (const GumboNode* element : elements) {
    const std::string text = InlineText(element);
    if (text.empty() || text.size() > 120 || InOffContentBlock(element)) continue;
    if (!found.views && NamesViewCount(element)) found.views = ParseCount(text);
    MergeCounters(FindCountersInText(text), &found);
  }
  return found;
}

Counters FindCountersInMicrodata(const std::vector<const GumboNode*>& itemprops) {
  Counters found;
  auto set = [&found](std::string_view type, std::optional<int64_t> count) {
    if (!count) return;
    const size_t cut = type.find_last_of("/:#");
    const std::string_view name = cut == std::string_view::npos ? type : type.substr(cut + 1);
    if (name == "ReadAction" || name == "ViewAction" || name == "WatchAction" ||
        name == "UserPageVisits") {
      if (!found.views) found.views = count;
    } else if (name == "LikeAction" || name == "VoteAction" || name == "UserLikes") {
      if (!found.likes) found.likes = count;
    } else if (name == "CommentAction" || name == "UserComments") {
      if (!found.comments) found.comments = count;
    }
  };
  // The value of an itemprop: its content attribute, else its text.
  auto value = [](const GumboNode* node) {
    const std::optional<std::string_view> content = FindAttribute(node, "content");
    return content ? std::string(TrimSpace(*content)) : InlineText(node);
  };
  for (const GumboNode* node : itemprops) {
    if (InOffContentBlock(node)) continue;
    if (HasToken(node, "itemprop", "interactionStatistic")) {
      std::string type;
      std::optional<int64_t> count;
      Walk(node, [&](const GumboNode* n) {
        if (!IsElement(n) || n == node) return WalkAction::kContinue;
        if (HasToken(n, "itemprop", "interactionType")) {
          const std::optional<std::string_view> href = FindAttribute(n, "href");
          type = href ? std::string(*href) : value(n);
        } else if (HasToken(n, "itemprop", "userInteractionCount")) {
          count = ParseCount(value(n));
        }
        return WalkAction::kContinue;
      });
      set(type, count);
    } else if (HasToken(node, "itemprop", "interactionCount")) {
      // "UserLikes:5", "UserComments:2", "UserPageVisits:120".
      const std::string text = value(node);
      const size_t colon = text.find(':');
      if (colon != std::string::npos) {
        set(std::string_view(text).substr(0, colon),
            ParseCount(std::string_view(text).substr(colon + 1)));
      }
    } else if (HasToken(node, "itemprop", "commentCount")) {
      set("CommentAction", ParseCount(value(node)));
    }
  }
  return found;
}

void MergeCounters(const Counters& from, Counters* into) {
  if (!into->views) into->views = from.views;
  if (!into->likes) into->likes = from.likes;
  if (!into->comments) into->comments = from.comments;
}

}  // namespace strata::parser
