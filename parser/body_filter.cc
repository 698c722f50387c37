#include "parser/body_filter.h"

#include <algorithm>

#include "parser/counters.h"
#include "parser/text_util.h"

namespace strata::parser {

std::string DropCounterLines(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    // Every counter pattern has a digit: most lines are ruled out without running them.
    const bool furniture = line.size() <= kMaxFurnitureLineBytes &&
                           std::any_of(line.begin(), line.end(), IsAsciiDigit) &&
                           !FindCountersInText(line).empty();
    if (!furniture) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace strata::parser
