#include "parser/main_content_tree.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// True when p[i..] is '，' (U+FF0C) or '、' (U+3001): commas of Chinese and Japanese prose.
bool IsWideComma(const unsigned char* p, size_t i, size_t n) {
  return i + 2 < n && ((p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x8C) ||
                       (p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x81));
}

// Adds the non-space bytes of `text` to *bytes and its commas to *commas. Every visible byte
// of a page passes through here once, so it counts 16 bytes at a time where it can.
void CountText(std::string_view text, int64_t* bytes, int64_t* commas) {
  const size_t n = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  int64_t spaces = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Matches are counted in byte lanes (a match is -1: subtracting it adds one) and summed
  // every 255 blocks, before a lane can overflow: no popcount, which x86-64's baseline lacks.
  const __m128i zero = _mm_setzero_si128();
  __m128i space_lanes = zero;
  __m128i comma_lanes = zero;
  int blocks = 0;
  const auto flush = [&] {
    const auto sum = [&zero](__m128i lanes) {
      const __m128i pairs = _mm_sad_epu8(lanes, zero);  // two 64-bit sums of 8 lanes
      return static_cast<int64_t>(_mm_cvtsi128_si64(pairs) +
                                  _mm_cvtsi128_si64(_mm_unpackhi_epi64(pairs, pairs)));
    };
    spaces += sum(space_lanes);
    *commas += sum(comma_lanes);
    space_lanes = comma_lanes = zero;
    blocks = 0;
  };
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab_minus_1 = _mm_set1_epi8('\t' - 1);
  const __m128i cr_plus_1 = _mm_set1_epi8('\r' + 1);
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lead_ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i lead_e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // '\t'..'\r' by signed compares: bytes >= 0x80 are negative and never match.
    const __m128i controls =
        _mm_and_si128(_mm_cmpgt_epi8(v, tab_minus_1), _mm_cmplt_epi8(v, cr_plus_1));
    space_lanes = _mm_sub_epi8(space_lanes, _mm_or_si128(_mm_cmpeq_epi8(v, space), controls));
    comma_lanes = _mm_sub_epi8(comma_lanes, _mm_cmpeq_epi8(v, comma));
    if (++blocks == 255) flush();
    unsigned leads = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lead_ef), _mm_cmpeq_epi8(v, lead_e3))));
    while (leads != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(leads));
      leads &= leads - 1;
      if (IsWideComma(p, i + bit, n)) ++*commas;
    }
  }
  flush();
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      ++spaces;
    } else if (c == ',' || IsWideComma(p, i, n)) {
      ++*commas;
    }
  }
  *bytes += static_cast<int64_t>(n) - spaces;
}

}  // namespace

ContentTree ContentTree::Build(const GumboNode* root) {
  ContentTree tree;
  if (!IsElement(root)) return tree;
  std::vector<ContentElement>& out = tree.elements_;
  uint32_t current = kNoElement;  // the innermost open element
  Walk(
      root,
      [&](const GumboNode* node) {
        if (IsText(node)) {
          if (current != kNoElement && node->type != GUMBO_NODE_WHITESPACE) {
            ContentElement& e = out[current];
            CountText(node->v.text.text, &e.direct_text, &e.direct_commas);
          }
          return WalkAction::kContinue;
        }
        if (!IsElement(node)) return WalkAction::kSkipChildren;  // comments
        ContentElement e;
        e.node = node;
        e.parent = current;
        e.tag = Tag(node);
        e.hints = ClassifyHints(node);
        e.block = IsBlockTag(e.tag);
        e.in_link = e.tag == GUMBO_TAG_A || (current != kNoElement && out[current].in_link);
        e.invisible = node != root && (IsNonContentTag(e.tag) || IsHidden(node) ||
                                       (e.hints & (kHintScreenReader | kHintHiddenClass)) != 0);
        if (current != kNoElement && e.tag == GUMBO_TAG_IMG) ++out[current].direct_images;
        const uint32_t index = static_cast<uint32_t>(out.size());
        e.end = index + 1;
        out.push_back(e);
        if (e.invisible) return WalkAction::kSkipChildren;
        current = index;
        return WalkAction::kContinue;
      },
      [&](const GumboNode* node) {
        // Invisible elements were never made current; their leave() changes nothing.
        if (current == kNoElement || out[current].node != node) return;
        out[current].end = static_cast<uint32_t>(out.size());
        current = out[current].parent;
      });
  return tree;
}

uint32_t ContentTree::IndexOf(const GumboNode* node) const {
  for (uint32_t i = 0; i < elements_.size(); ++i) {
    if (elements_[i].node == node) return i;
  }
  return kNoElement;
}

SubtreeStats MeasureSubtrees(const ContentTree& tree, const std::vector<bool>& excluded) {
  const size_t n = tree.size();
  SubtreeStats s;
  s.text.assign(n, 0);
  s.link.assign(n, 0);
  s.inline_text.assign(n, 0);
  s.inline_link.assign(n, 0);
  s.inline_commas.assign(n, 0);
  // Children come after their parents: a reverse loop sees every child before its parent.
  for (size_t k = n; k-- > 0;) {
    const ContentElement& e = tree[static_cast<uint32_t>(k)];
    if (e.invisible) continue;
    s.text[k] += e.direct_text;
    s.inline_text[k] += e.direct_text;
    s.inline_commas[k] += e.direct_commas;
    if (e.in_link) {
      s.link[k] += e.direct_text;
      s.inline_link[k] += e.direct_text;
    }
    if (e.parent == kNoElement || excluded[k]) continue;
    const uint32_t p = e.parent;
    s.text[p] += s.text[k];
    s.link[p] += s.link[k];
    if (!e.block) {
      s.inline_text[p] += s.inline_text[k];
      s.inline_link[p] += s.inline_link[k];
      s.inline_commas[p] += s.inline_commas[k];
    }
  }
  return s;
}

}  // namespace strata::parser
