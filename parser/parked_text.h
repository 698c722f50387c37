// Parked text: long runs of plain text are taken out of a page before Gumbo parses it, a
// four-byte stand-in left in each, and put back into the text nodes of the tree afterwards.
//
// Why: Gumbo's tokenizer and tree builder handle text one character at a time (a token per
// character), and text is most of an article page's bytes once scripts and styles are blanked
// (sanitize_raw_text.h): two thirds on the crawl benchmark's pages. Parsing a stand-in instead
// of the run halves Gumbo's time there; putting the runs back is a memcpy.
//
// Why the tree is the same: a run is text in the tokenizer's data state that holds nothing the
// tokenizer or tree builder reads character by character: no '<', no '&' (nor the character
// reference after it), no '\r' or NUL (which Gumbo rewrites), no character Gumbo replaces with
// U+FFFD (controls, noncharacters, invalid UTF-8), and it starts with a non-space character
// (leading whitespace stays, so "<pre>\n" and the insertion modes that skip whitespace see it).
// A stand-in is one character Gumbo keeps as it is (a private-use code point of plane 16), and
// every insertion mode treats a run's characters after its first non-space one as it treats
// that one. The one exception, frameset modes dropping non-space text, and any place where
// the light tokenizer here read the markup differently from Gumbo's, show as a stand-in that
// is missing, repeated, or outside a normal text node: RestoreParkedText then reports failure
// and HtmlDocument parses the page again as it is. Pages holding plane-16 characters (or
// numeric references that could produce them) are not parked at all.
//
// What differs from a plain parse: a text node's `original_text` and source position refer
// to the parked page, not the input (nothing in strata reads them).
//
// Thread-safety: pure functions; RestoreParkedText writes only the tree it is given.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

class GumboArena;

struct ParkedText {
  // The page to parse: the input itself when no run was parked, else `*storage`.
  std::string_view html;
  // The parked runs in order; stand-in i stands for runs[i]. Views into the input, which must
  // outlive them.
  std::vector<std::string_view> runs;
};

// Runs shorter than this stay: a stand-in is 4 bytes, and each costs a little to put back.
// Measured (instructions of `strata extract` on 148 AEB and benchmark-site pages): 6 bytes
// 1.928 G, 12 bytes 1.943 G, 24 bytes 1.978 G; without parking 2.771 G.
inline constexpr size_t kMinParkedRunBytes = 6;
// Plane 16's private-use code points, less its two noncharacters.
inline constexpr size_t kMaxParkedRuns = 0xFFFE;

// Replaces the runs of `html` with stand-ins; `*storage` receives the page when any was.
ParkedText ParkTextRuns(std::string_view html, std::string* storage);

// Puts the runs back into the text nodes of `output` (new strings from `arena`). Returns false,
// leaving the tree unusable, when a stand-in is not found exactly once in a normal text node.
bool RestoreParkedText(const ParkedText& parked, GumboOutput* output, GumboArena* arena);

}  // namespace strata::parser
