// Data a server-rendered page embeds in a script: the state a JavaScript framework hydrates
// from (Nuxt's `window.__NUXT__ = (function(a, b) { return {...} }(...))`, Next's
// `__NEXT_DATA__`), which often holds what the HTML does not show, such as juejin's article
// Markdown (`mark_content`) and modification time (`mtime`). Such scripts are JavaScript, not
// JSON (Nuxt's is a function whose arguments hold repeated values), so they are not parsed:
// a value is found by its key, as the first `key: "string literal"` or `key: number` (the key
// bare or quoted) in the script, and JavaScript string escapes are decoded. A key whose value
// is a variable (an argument of Nuxt's function) is not resolved: the next occurrence is tried.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

// The text of the first inline script of `html` that assigns `variable`
// ("window.__NUXT__"): from the variable to the end of the script. nullopt when none.
std::optional<std::string_view> FindAssigningScript(std::string_view html,
                                                    std::string_view variable);

// The first value of `key` in `script` (a string literal decoded, or a number as written), or
// nullopt. Every value of `key`, in order, for lists (tags).
std::optional<std::string> ScriptValue(std::string_view script, std::string_view key);
std::vector<std::string> ScriptValues(std::string_view script, std::string_view key,
                                      size_t max_values = 100);

}  // namespace strata::parser
