#include "parser/body_filter.h"

#include "parser/counters.h"

namespace strata::parser {

std::string DropCounterLines(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    const bool furniture =
        line.size() <= kMaxFurnitureLineBytes && !FindCountersInText(line).empty();
    if (!furniture) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace strata::parser
