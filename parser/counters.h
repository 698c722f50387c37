// Counters a page shows (views, likes, comments): number parsing with units, and where to find
// them in a line of text or in elements whose class names them.
//
// Numbers are parsed exactly, in integers: "1.2万" is 12000, "1.2k" 1200, "3.5M" 3500000,
// "1.5亿" 150000000 (no binary floating point on the way).
//
// Thread-safety: pure functions (regular expressions compiled once, thread-safely).
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace strata::parser {

// Parses a count as pages print it: "1234", "1,234", "1.2k", "1.2K+", "3.5M", "2B", "1.2万",
// "1.2w", "3亿", "10万+", "1.234" (a European thousands separator). Fractions need a unit
// (a fraction of a view means the text was not a count); a remainder below one is rounded
// half up. Returns nullopt for anything else, negative numbers and overflow.
std::optional<int64_t> ParseCount(std::string_view text);

// Finds counters in one line of visible text: "阅读数：4", "阅读(123)", "阅读 1.2万",
// "1,234 次阅读", "1.2k views", "Views: 5", "评论(0)", "推荐(5)", "12 likes", "3 comments".
// A number followed by a duration ("阅读 5 分钟", "5 min read") is not a count. Fields it
// does not find stay unset.
Counters FindCountersInText(std::string_view line);

// Reads counters from elements whose class or id names them: a bare number is a view count
// when the class/id says views (<span class="read-count">1.2w</span>, <span
// id="post_view_count">123</span>); otherwise the text must be a line FindCountersInText
// understands. Elements inside navigation, sidebars and comments are ignored.
Counters FindCountersInElements(const std::vector<const GumboNode*>& elements);

// Reads schema.org microdata counters from elements with an itemprop attribute:
// itemprop="interactionStatistic" blocks (interactionType LikeAction / CommentAction /
// ViewAction... with userInteractionCount), the older <meta itemprop="interactionCount"
// content="UserLikes:5">, and itemprop="commentCount". The first value of each kind wins.
Counters FindCountersInMicrodata(const std::vector<const GumboNode*>& itemprops);

// Fills each unset field of `into` from `from`.
void MergeCounters(const Counters& from, Counters* into);

}  // namespace strata::parser
