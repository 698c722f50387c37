#include "storage/text_diff.h"

#include <algorithm>

#include "storage/diff_sequence.h"
#include "storage/diff_tokenize.h"

namespace strata::storage {
namespace {

// Bound on dtl's work for one token comparison, (M+N)*min(M,N) after its reductions: about 40 ms
// on the machine of bench/diff/ (dtl does roughly 10 ns per unit). A pair of paragraphs of
// 1,000 tokens each stays well inside it.
constexpr int64_t kMaxTokenWork = 4'000'000;
// A "sentence" without a sentence-ending mark is cut after this many tokens.
constexpr size_t kMaxSentenceTokens = 200;

std::vector<Token> Tokenize(std::string_view text, Granularity granularity) {
  return granularity == Granularity::kChar ? TokenizeChars(text) : TokenizeWords(text);
}

bool EndsSentence(std::string_view token) {
  static constexpr std::string_view kEnds[] = {".",  "!",  "?",  ";",  "\n",
                                               "。", "！", "？", "；", "…"};
  return std::find(std::begin(kEnds), std::end(kEnds), token) != std::end(kEnds);
}

// Where each sentence of tokens[begin, end) starts, plus `end`.
std::vector<size_t> SentenceStarts(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::vector<size_t> starts = {begin};
  for (size_t i = begin; i < end; ++i) {
    if ((EndsSentence(tokens[i].text) || i + 1 - starts.back() >= kMaxSentenceTokens) &&
        i + 1 < end) {
      starts.push_back(i + 1);
    }
  }
  starts.push_back(end);
  return starts;
}

// The text of tokens[begin, end): tokens are consecutive views of one string.
std::string_view Joined(const std::vector<Token>& tokens, size_t begin, size_t end) {
  if (begin == end) return {};
  const char* first = tokens[begin].text.data();
  const char* last = tokens[end - 1].text.data() + tokens[end - 1].text.size();
  return {first, static_cast<size_t>(last - first)};
}

class TokenDiffer {
 public:
  TokenDiffer(const std::vector<Token>& from, const std::vector<Token>& to) : from_(from), to_(to) {
    from_ids_.reserve(from.size());
    to_ids_.reserve(to.size());
    for (const Token& t : from) from_ids_.push_back(interner_.Id(t.text));
    for (const Token& t : to) to_ids_.push_back(interner_.Id(t.text));
  }

  // The edit runs over all tokens, in absolute indices.
  std::vector<EditRun> Run() {
    Range(0, from_.size(), 0, to_.size(), /*split_sentences=*/true);
    return std::move(runs_);
  }

 private:
  void Append(EditKind kind, size_t from, size_t to, size_t length) {
    if (length > 0) runs_.push_back({kind, from, to, length});
  }

  void Replace(size_t a_begin, size_t a_end, size_t b_begin, size_t b_end) {
    Append(EditKind::kDelete, a_begin, b_begin, a_end - a_begin);
    Append(EditKind::kInsert, a_end, b_begin, b_end - b_begin);
  }

  void Range(size_t a_begin, size_t a_end, size_t b_begin, size_t b_end, bool split_sentences) {
    const std::span<const uint32_t> a(from_ids_.data() + a_begin, a_end - a_begin);
    const std::span<const uint32_t> b(to_ids_.data() + b_begin, b_end - b_begin);
    std::optional<std::vector<EditRun>> runs = DiffSequencesBounded(a, b, kMaxTokenWork);
    if (runs) {
      for (const EditRun& r : *runs) {
        Append(r.kind, a_begin + r.from_begin, b_begin + r.to_begin, r.length);
      }
      return;
    }
    if (!split_sentences) {
      Replace(a_begin, a_end, b_begin, b_end);
      return;
    }
    BySentences(a_begin, a_end, b_begin, b_end);
  }

  // Aligns whole sentences first, then compares tokens within each changed stretch.
  void BySentences(size_t a_begin, size_t a_end, size_t b_begin, size_t b_end) {
    const std::vector<size_t> a_starts = SentenceStarts(from_, a_begin, a_end);
    const std::vector<size_t> b_starts = SentenceStarts(to_, b_begin, b_end);
    Interner sentences;
    std::vector<uint32_t> a_ids;
    std::vector<uint32_t> b_ids;
    for (size_t i = 0; i + 1 < a_starts.size(); ++i) {
      a_ids.push_back(sentences.Id(Joined(from_, a_starts[i], a_starts[i + 1])));
    }
    for (size_t i = 0; i + 1 < b_starts.size(); ++i) {
      b_ids.push_back(sentences.Id(Joined(to_, b_starts[i], b_starts[i + 1])));
    }
    std::optional<std::vector<EditRun>> runs = DiffSequencesBounded(a_ids, b_ids, kMaxTokenWork);
    if (!runs) {
      Replace(a_begin, a_end, b_begin, b_end);
      return;
    }
    // Sentence index -> token index.
    const auto a_at = [&](size_t s) { return a_starts[s]; };
    const auto b_at = [&](size_t s) { return b_starts[s]; };
    size_t k = 0;
    while (k < runs->size()) {
      const EditRun& r = (*runs)[k];
      if (r.kind == EditKind::kEqual) {
        Append(EditKind::kEqual, a_at(r.from_begin), b_at(r.to_begin),
               a_at(r.from_begin + r.length) - a_at(r.from_begin));
        ++k;
        continue;
      }
      // One changed stretch: the deleted sentences, then the inserted ones.
      size_t a_from = a_at(r.from_begin), a_to = a_from;
      size_t b_from = b_at(r.to_begin), b_to = b_from;
      while (k < runs->size() && (*runs)[k].kind != EditKind::kEqual) {
        const EditRun& c = (*runs)[k];
        if (c.kind == EditKind::kDelete) a_to = a_at(c.from_begin + c.length);
        if (c.kind == EditKind::kInsert) b_to = b_at(c.to_begin + c.length);
        ++k;
      }
      Range(a_from, a_to, b_from, b_to, /*split_sentences=*/false);
    }
  }

  const std::vector<Token>& from_;
  const std::vector<Token>& to_;
  Interner interner_;
  std::vector<uint32_t> from_ids_;
  std::vector<uint32_t> to_ids_;
  std::vector<EditRun> runs_;
};

bool IsAllSpace(std::string_view text) { return !text.empty() && IsBlank(text); }

void AppendSpan(SpanOp op, std::string_view text, std::vector<Span>* spans) {
  if (text.empty()) return;
  if (!spans->empty() && spans->back().op == op) {
    spans->back().text += text;
  } else {
    spans->push_back({op, std::string(text)});
  }
}

// Joins changes separated only by whitespace, and puts each change's deletion first.
std::vector<Span> Tidy(const std::vector<Span>& spans) {
  // Whitespace-only equal spans between two changes become part of the change.
  std::vector<bool> absorbed(spans.size(), false);
  for (size_t i = 1; i + 1 < spans.size(); ++i) {
    absorbed[i] = spans[i].op == SpanOp::kEqual && spans[i - 1].op != SpanOp::kEqual &&
                  spans[i + 1].op != SpanOp::kEqual && IsAllSpace(spans[i].text);
  }
  std::vector<Span> tidy;
  size_t i = 0;
  while (i < spans.size()) {
    if (spans[i].op == SpanOp::kEqual && !absorbed[i]) {
      AppendSpan(SpanOp::kEqual, spans[i].text, &tidy);
      ++i;
      continue;
    }
    std::string deleted;
    std::string inserted;
    for (; i < spans.size() && (spans[i].op != SpanOp::kEqual || absorbed[i]); ++i) {
      if (spans[i].op != SpanOp::kInsert) deleted += spans[i].text;
      if (spans[i].op != SpanOp::kDelete) inserted += spans[i].text;
    }
    AppendSpan(SpanOp::kDelete, deleted, &tidy);
    AppendSpan(SpanOp::kInsert, inserted, &tidy);
  }
  return tidy;
}

}  // namespace

std::string_view GranularityName(Granularity granularity) {
  switch (granularity) {
    case Granularity::kLine:
      return "line";
    case Granularity::kWord:
      return "word";
    case Granularity::kChar:
      return "char";
    case Granularity::kAuto:
      break;
  }
  return "auto";
}

std::optional<Granularity> ParseGranularity(std::string_view name) {
  for (Granularity g :
       {Granularity::kLine, Granularity::kWord, Granularity::kChar, Granularity::kAuto}) {
    if (name == GranularityName(g)) return g;
  }
  return std::nullopt;
}

Granularity ResolveGranularity(Granularity requested, std::string_view from, std::string_view to) {
  if (requested != Granularity::kAuto) return requested;
  std::string both;
  both.reserve(from.size() + to.size() + 1);
  both.append(from).append("\n").append(to);
  return IsMostlyCjk(both) ? Granularity::kChar : Granularity::kWord;
}

std::vector<Span> DiffText(std::string_view from, std::string_view to, Granularity granularity) {
  granularity = ResolveGranularity(granularity, from, to);
  std::vector<Span> spans;
  if (from == to) {
    AppendSpan(SpanOp::kEqual, from, &spans);
    return spans;
  }
  if (granularity == Granularity::kLine) {
    AppendSpan(SpanOp::kDelete, from, &spans);
    AppendSpan(SpanOp::kInsert, to, &spans);
    return spans;
  }
  const std::vector<Token> from_tokens = Tokenize(from, granularity);
  const std::vector<Token> to_tokens = Tokenize(to, granularity);
  TokenDiffer differ(from_tokens, to_tokens);
  for (const EditRun& run : differ.Run()) {
    if (run.kind == EditKind::kInsert) {
      AppendSpan(SpanOp::kInsert, Joined(to_tokens, run.to_begin, run.to_begin + run.length),
                 &spans);
    } else {
      AppendSpan(run.kind == EditKind::kEqual ? SpanOp::kEqual : SpanOp::kDelete,
                 Joined(from_tokens, run.from_begin, run.from_begin + run.length), &spans);
    }
  }
  return Tidy(spans);
}

std::string OldText(const std::vector<Span>& spans) {
  std::string text;
  for (const Span& s : spans) {
    if (s.op != SpanOp::kInsert) text += s.text;
  }
  return text;
}

std::string NewText(const std::vector<Span>& spans) {
  std::string text;
  for (const Span& s : spans) {
    if (s.op != SpanOp::kDelete) text += s.text;
  }
  return text;
}

}  // namespace strata::storage
