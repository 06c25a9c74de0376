// Bidi (ICU ubidi), itemisation by script (HarfBuzz's Unicode data) and by font (FontChain),
// shaping (HarfBuzz, reading the font files itself: the shapes need only design units, so no
// FreeType here), and the shaper's memory of what it shaped.
#include "shape.hpp"

#include <hb.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <unordered_map>

namespace atlas {

namespace {

// The memory of shaped texts remembered in each of two generations (see TextShaper::shape): a
// frame's labels take about 60 KB, so they stay while a caption is laid out; a handout's captions,
// measured line by line at several sizes, are what fills it (with 2048 texts a generation, the
// shaped texts took 2.8 MB at the tour's peak, heaptrack).
constexpr size_t kRememberedBytesPerGeneration = size_t(512) << 10;

// About what a remembered text takes: its key, its code points, runs and glyphs, and the nodes.
size_t remembered_bytes(const std::string& key, const ShapedText& t) {
    size_t glyphs = 0;
    for (const auto& run : t.runs) glyphs += run.glyphs.size();
    constexpr size_t kNodes = 128;  // the map's node, the shared pointer's block, the allocations
    return key.size() + t.text.size() * sizeof(char32_t) + t.runs.size() * sizeof(ShapedRun) +
           glyphs * sizeof(ShapedGlyph) + sizeof(ShapedText) + kNodes;
}

// Characters drawn as nothing on purpose (joiners, variation selectors, bidi marks, controls):
// they go with the font around them and are never reported missing.
bool invisible(char32_t cp) {
    return u_hasBinaryProperty(UChar32(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
           u_charType(UChar32(cp)) == U_CONTROL_CHAR;
}

// A script's language, where it changes how a font draws: Arabic-script text in this atlas is
// Persian (Dari, Tajik in Perso-Arabic script), Han is Chinese. Set explicitly so that the result
// never depends on the user's locale.
hb_language_t language_for(hb_script_t script) {
    static const hb_language_t persian = hb_language_from_string("fa", -1), chinese = hb_language_from_string("zh", -1),
                               russian = hb_language_from_string("ru", -1), english = hb_language_from_string("en", -1);
    switch (script) {
        case HB_SCRIPT_ARABIC:
            return persian;
        case HB_SCRIPT_HAN:
            return chinese;
        case HB_SCRIPT_CYRILLIC:
            return russian;
        default:
            return english;
    }
}

bool neutral(hb_script_t s) { return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN; }

// A piece of a bidi run in one script and one font.
struct Item {
    size_t first = 0, count = 0;
    hb_script_t script = HB_SCRIPT_COMMON;
    int font = 0;
};

}  // namespace

std::u32string decode_utf8(const std::string& s) {
    std::u32string out;
    out.reserve(s.size());
    const auto n = int32_t(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, n, c);  // c < 0 for an ill-formed sequence (maximal subpart skipped)
        out.push_back(c < 0 ? U'\uFFFD' : char32_t(c));
    }
    return out;
}

std::string encode_utf8(const std::u32string& text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) {
        char buf[U8_MAX_LENGTH];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, UChar32(cp));
        out.append(buf, size_t(len));
    }
    return out;
}

std::string ShapedText::missing_names() const {
    std::string out;
    for (char32_t cp : missing) {
        char name[16];
        std::snprintf(name, sizeof name, "U+%04X", unsigned(cp));
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

struct TextShaper::Impl {
    struct Face {
        hb_font_t* font = nullptr;  // null until opened, or when the file cannot be read
        bool tried = false;
        double upem = 1000;
    };
    FontChain chain;
    std::vector<Face> faces;
    hb_buffer_t* buffer = hb_buffer_create();
    UBiDi* bidi = ubidi_open();
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::mutex mutex;
    // The last generation's texts and the one before: a text used in either stays; one used in
    // neither for two generations is forgotten (a cheap least-recently-used).
    std::unordered_map<std::string, std::shared_ptr<const ShapedText>> recent, older;
    size_t recent_bytes = 0;

    explicit Impl(const std::string& pattern) : chain(pattern), faces(chain.size()) {}
    ~Impl() {
        for (Face& f : faces)
            if (f.font) hb_font_destroy(f.font);
        hb_buffer_destroy(buffer);
        if (bidi) ubidi_close(bidi);
    }

    // Face `i` opened for HarfBuzz (at its units per em), or false if its file cannot be read.
    bool usable(int i) {
        Face& f = faces[size_t(i)];
        if (!f.tried) {
            f.tried = true;
            const FontFile& file = chain.file(size_t(i));
            if (hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.path.c_str())) {
                hb_face_t* face = hb_face_create(blob, unsigned(file.index));
                hb_blob_destroy(blob);
                if (hb_face_get_glyph_count(face) > 0) {
                    f.upem = hb_face_get_upem(face);
                    f.font = hb_font_create(face);  // scaled to units per em by default
                }
                hb_face_destroy(face);
            }
        }
        return f.font != nullptr;
    }

    // The first usable font of the chain with `cp`, or -1.
    int font_with(char32_t cp) {
        for (size_t i = 0; i < chain.size(); ++i)
            if (chain.has(i, cp) && usable(int(i))) return int(i);
        return -1;
    }

    // Splits text[first, first + count) into runs of one script and one font, in logical order.
    std::vector<Item> itemise(const std::u32string& t, size_t first, size_t count) {
        std::vector<Item> items;
        for (size_t i = first; i < first + count; ++i) {
            const char32_t cp = t[i];
            const hb_script_t sc = hb_unicode_script(unicode, cp);
            Item* cur = items.empty() ? nullptr : &items.back();
            const bool same_script = cur && (neutral(sc) || neutral(cur->script) || sc == cur->script);
            // Keep to the current font while it has the character (punctuation, spaces and marks
            // stay with their words); else the chain's first font that has it. A character no font
            // has stays in the current run, to come out as .notdef and be reported.
            int font = -1;
            if (cur && (invisible(cp) || (same_script && chain.has(size_t(cur->font), cp)))) font = cur->font;
            if (font < 0) font = font_with(cp);
            if (font < 0) font = cur ? cur->font : 0;
            if (cur && same_script && font == cur->font) {
                ++cur->count;
                if (neutral(cur->script)) cur->script = sc;
            } else {
                items.push_back({i, 1, sc, font});
            }
        }
        for (Item& it : items)
            if (it.script == HB_SCRIPT_INHERITED || it.script == HB_SCRIPT_UNKNOWN) it.script = HB_SCRIPT_COMMON;
        return items;
    }

    // Adds a character that could not be drawn to out.missing, once.
    static void report(ShapedText& out, char32_t cp) {
        if (!invisible(cp) && out.missing.find(cp) == std::u32string::npos) out.missing.push_back(cp);
    }

    // Shapes one item (with the whole text as context, so that Arabic letters join across runs)
    // into a run; glyphs the font does not have (.notdef) are left out and their characters
    // reported.
    ShapedRun shape_item(ShapedText& out, const Item& item, bool rtl) {
        const std::u32string& t = out.text;
        ShapedRun run;
        run.face = item.font;
        run.font = &chain.file(size_t(item.font));
        run.rtl = rtl;
        run.first = item.first;
        run.count = item.count;
        if (!usable(item.font)) {
            for (size_t i = item.first; i < item.first + item.count; ++i) report(out, t[i]);
            return run;
        }
        static_assert(sizeof(char32_t) == sizeof(uint32_t));
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(t.data()), int(t.size()), unsigned(item.first),
                            int(item.count));
        hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer, item.script);
        hb_buffer_set_language(buffer, language_for(item.script));
        unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
        if (item.first == 0) flags |= HB_BUFFER_FLAG_BOT;
        if (item.first + item.count == t.size()) flags |= HB_BUFFER_FLAG_EOT;
        hb_buffer_set_flags(buffer, hb_buffer_flags_t(flags));
        hb_shape(faces[size_t(item.font)].font, buffer, nullptr, 0);
        unsigned n = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &n);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, nullptr);
        const double em = 1.0 / faces[size_t(item.font)].upem;
        // Where each cluster ends: the next larger cluster value, or the item's end.
        std::vector<uint32_t> starts;
        for (unsigned g = 0; g < n; ++g) starts.push_back(info[g].cluster);
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        auto cluster_end = [&](uint32_t c) {
            const auto it = std::upper_bound(starts.begin(), starts.end(), c);
            return it == starts.end() ? uint32_t(item.first + item.count) : *it;
        };
        run.glyphs.reserve(n);
        for (unsigned g = 0; g < n; ++g) {
            if (info[g].codepoint == 0) {  // .notdef: say which characters, draw nothing
                const uint32_t c = info[g].cluster, end = cluster_end(c);
                bool named = false;
                for (uint32_t i = c; i < end; ++i)
                    if (!chain.has(size_t(item.font), t[i]) && !invisible(t[i])) {
                        report(out, t[i]);
                        named = true;
                    }
                for (uint32_t i = c; i < end && !named; ++i) report(out, t[i]);
                continue;
            }
            run.glyphs.push_back({info[g].codepoint, info[g].cluster, float(pos[g].x_advance * em),
                                  float(pos[g].x_offset * em), float(pos[g].y_offset * em)});
            out.width += run.glyphs.back().advance;  // the width of what is drawn
        }
        return run;
    }

    std::shared_ptr<const ShapedText> shape(const std::string& utf8) {
        auto out = std::make_shared<ShapedText>();
        out->text = decode_utf8(utf8);
        const std::u32string& t = out->text;
        if (t.empty()) return out;
        // ICU works in UTF-16: the code point of each unit.
        std::u16string u16;
        std::vector<size_t> cp_of;
        u16.reserve(t.size());
        cp_of.reserve(t.size());
        for (size_t i = 0; i < t.size(); ++i) {
            UChar unit[2];
            int32_t len = 0;
            U16_APPEND_UNSAFE(unit, len, UChar32(t[i]));
            for (int32_t k = 0; k < len; ++k) {
                u16.push_back(char16_t(unit[k]));
                cp_of.push_back(i);
            }
        }
        // Visual runs of one direction, the paragraph's from its first strong character; without
        // ICU's answer, the text is one left-to-right run.
        std::vector<std::pair<std::pair<size_t, size_t>, bool>> visual;  // (first, count), rtl
        UErrorCode err = U_ZERO_ERROR;
        if (bidi)
            ubidi_setPara(bidi, reinterpret_cast<const UChar*>(u16.data()), int32_t(u16.size()), UBIDI_DEFAULT_LTR,
                          nullptr, &err);
        const int32_t runs = bidi && U_SUCCESS(err) ? ubidi_countRuns(bidi, &err) : -1;
        if (runs > 0 && U_SUCCESS(err)) {
            out->rtl = (ubidi_getParaLevel(bidi) & 1) != 0;
            for (int32_t r = 0; r < runs; ++r) {
                int32_t start = 0, length = 0;
                const bool rtl = ubidi_getVisualRun(bidi, r, &start, &length) == UBIDI_RTL;
                const size_t first = cp_of[size_t(start)], end = cp_of[size_t(start + length - 1)] + 1;
                visual.push_back({{first, end - first}, rtl});
            }
        } else {
            visual.push_back({{0, t.size()}, false});
        }
        for (const auto& [range, rtl] : visual) {
            std::vector<Item> items = itemise(t, range.first, range.second);
            if (rtl) std::reverse(items.begin(), items.end());  // right to left: the last item leftmost
            for (const Item& item : items) out->runs.push_back(shape_item(*out, item, rtl));
        }
        return out;
    }
};

TextShaper::TextShaper(const std::string& pattern) : impl_(std::make_unique<Impl>(pattern)) {}
TextShaper::~TextShaper() = default;

const FontChain& TextShaper::fonts() const { return impl_->chain; }

std::shared_ptr<const ShapedText> TextShaper::shape(const std::string& utf8) {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    if (const auto it = impl_->recent.find(utf8); it != impl_->recent.end()) return it->second;
    std::shared_ptr<const ShapedText> shaped;
    if (const auto it = impl_->older.find(utf8); it != impl_->older.end()) {
        shaped = it->second;
    } else {
        shaped = impl_->shape(utf8);
    }
    const size_t bytes = remembered_bytes(utf8, *shaped);
    if (impl_->recent_bytes + bytes > kRememberedBytesPerGeneration) {
        impl_->older = std::move(impl_->recent);
        impl_->recent.clear();
        impl_->recent_bytes = 0;
    }
    impl_->recent.emplace(utf8, shaped);
    impl_->recent_bytes += bytes;
    return shaped;
}

TextShaper& shaper_for(const std::string& pattern) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<TextShaper>> shapers;
    const std::lock_guard<std::mutex> lock(mutex);
    auto& s = shapers[pattern];
    if (!s) {
        try {
            s = std::make_unique<TextShaper>(pattern);
        } catch (...) {
            shapers.erase(pattern);
            throw;
        }
    }
    return *s;
}

TextMeasure measure_noting(TextShaper& shaper, std::vector<std::string>& undrawable) {
    return [&shaper, &undrawable](const std::string& text) {
        const auto shaped = shaper.shape(text);
        if (!shaped->missing.empty() && std::find(undrawable.begin(), undrawable.end(), text) == undrawable.end())
            undrawable.push_back(text);
        return shaped->width;
    };
}

std::string undrawable_note(TextShaper& shaper, const std::vector<std::string>& texts) {
    if (texts.empty()) return "";
    std::string in;
    ShapedText all;  // the characters of every text, each once, for missing_names()
    for (const auto& t : texts) {
        const auto shaped = shaper.shape(t);
        for (char32_t cp : shaped->missing)
            if (all.missing.find(cp) == std::u32string::npos) all.missing.push_back(cp);
        // A text laid out line by line is measured word by word: name only the longest pieces.
        const bool part = std::any_of(texts.begin(), texts.end(), [&](const std::string& other) {
            return other.size() > t.size() && other.find(t) != std::string::npos;
        });
        if (!part) in += (in.empty() ? "'" : ", '") + encode_utf8(shaped->text) + "'";
    }
    return "no installed font has " + all.missing_names() + " (in " + in + "): left out";
}

RunClusters run_clusters(const ShapedText& text, const ShapedRun& run) {
    RunClusters out;
    out.backward = run.rtl;
    std::vector<uint32_t> starts{uint32_t(run.first)};
    for (const auto& g : run.glyphs) starts.push_back(g.cluster);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (size_t k = 0; k < starts.size(); ++k) {
        const size_t b = starts[k], e = k + 1 < starts.size() ? starts[k + 1] : run.first + run.count;
        const std::string bytes = encode_utf8(text.text.substr(b, e - b));
        const auto glyphs =
            std::count_if(run.glyphs.begin(), run.glyphs.end(), [&](const ShapedGlyph& g) { return g.cluster == b; });
        out.utf8 += bytes;
        out.clusters.push_back({int(bytes.size()), int(glyphs)});
    }
    return out;
}

}  // namespace atlas
