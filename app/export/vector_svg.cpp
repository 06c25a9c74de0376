// The SVG canvas: libxml2's xmlTextWriter streams the document (escaping, encoding) while
// draw_map draws. Each group is an Inkscape layer, text is <text> (editable, laid out by the
// viewer) naming the families its shaped runs use, with its direction where it is right to left
// and its halo as a stroke painted first; patterns are <pattern>s. No GL, no Cairo.
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/errors.hpp"
#include "geo/raster.hpp"
#include "text/shape.hpp"
#include "export/vector.hpp"

namespace atlas {

namespace {

// Coordinates are written in tenths of a pixel: finer than any screen or print shows at the
// image's size, and path data stays short.
constexpr double kUnitsPerPx = 10.0;

std::string hex(Rgba c) {
    char s[8];
    std::snprintf(s, sizeof s, "#%02x%02x%02x", c.r, c.g, c.b);
    return s;
}

// A number of tenths as SVG writes it: "12", "-0.5", "3.7".
void append_tenths(std::string& out, long v) {
    if (v < 0) {
        out += '-';
        v = -v;
    }
    out += std::to_string(v / 10);
    if (v % 10) {
        out += '.';
        out += char('0' + v % 10);
    }
}

std::string number(double px) {
    std::string s;
    append_tenths(s, std::lround(px * kUnitsPerPx));
    return s;
}

// An exact value (a pattern's tile) or an opacity: up to four decimals, no trailing zeros.
std::string decimal(double v) {
    char s[32];
    std::snprintf(s, sizeof s, "%.4f", v);
    std::string out = s;
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    return out;
}

std::string opacity(std::uint8_t a) { return decimal(a / 255.0); }

// A font-family value: the families the shaped text's runs use, its first font's first (so the
// viewer's fallback, fontconfig's too, finds what the renderer drew), each quoted unless it is a
// plain run of words CSS reads unquoted ("DejaVu Sans").
std::string families(const TextShaper& shaper, const ShapedText& text) {
    std::vector<std::string> names{shaper.fonts().file(0).family};
    for (const auto& run : text.runs)
        if (std::find(names.begin(), names.end(), run.font->family) == names.end()) names.push_back(run.font->family);
    std::string out;
    for (const auto& name : names) {
        bool plain = !name.empty();
        for (size_t i = 0; i < name.size(); ++i) {
            const char c = name[i];
            const bool word_start = i == 0 || name[i - 1] == ' ';
            plain = plain && (std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-' ||
                              (!word_start && std::isdigit(static_cast<unsigned char>(c))));
        }
        out += (out.empty() ? "" : ", ") + (plain ? name : "'" + name + "'");
    }
    return out;
}

// The text as XML can hold it and as the other formats draw it: decoded (ill-formed UTF-8 already
// U+FFFD), without the control characters XML 1.0 forbids (a stray one would make the whole file
// unreadable) and without the characters no installed font has (left out, as the PNG and the PDF
// leave them, rather than drawn as a viewer's boxes).
std::string xml_text(const ShapedText& text) {
    std::u32string kept;
    for (char32_t cp : text.text) {
        const bool xml = (cp >= 0x20 || cp == U'\t' || cp == U'\n' || cp == U'\r') && cp != 0xFFFE && cp != 0xFFFF;
        if (xml && text.missing.find(cp) == std::u32string::npos) kept.push_back(cp);
    }
    return encode_utf8(kept);
}

// Path data: each part an absolute move, then relative lines between rounded points (repeated
// points left out), closed parts with z.
std::string path_data(const VectorPath& path) {
    std::string d;
    for (const auto& part : path.parts) {
        if (part.empty()) continue;
        long px = std::lround(part[0].x * kUnitsPerPx), py = std::lround(part[0].y * kUnitsPerPx);
        d += 'M';
        append_tenths(d, px);
        d += ' ';
        append_tenths(d, py);
        bool first = true;
        for (size_t i = 1; i < part.size(); ++i) {
            const long x = std::lround(part[i].x * kUnitsPerPx), y = std::lround(part[i].y * kUnitsPerPx);
            if (x == px && y == py) continue;
            d += first ? 'l' : ' ';
            first = false;
            append_tenths(d, x - px);
            d += ' ';
            append_tenths(d, y - py);
            px = x;
            py = y;
        }
        if (path.closed) d += 'z';
    }
    return d;
}

class SvgWriter final : public VectorCanvas {
public:
    // The document is made in memory (a few MB at most) and written out by finish(), whose
    // every write is checked.
    SvgWriter() : buf_(xmlBufferCreate()), w_(buf_ ? xmlNewTextWriterMemory(buf_, 0) : nullptr) {
        if (!w_) throw OutputError("libxml2 could not start the document");
        xmlTextWriterSetIndent(w_, 1);
        xmlTextWriterSetIndentString(w_, BAD_CAST " ");
    }
    ~SvgWriter() override {
        if (w_) xmlFreeTextWriter(w_);
        if (buf_) xmlBufferFree(buf_);
    }
    SvgWriter(const SvgWriter&) = delete;
    SvgWriter& operator=(const SvgWriter&) = delete;

    void start(int width, int height, const ViewRecord& meta) {
        check(xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr));
        check(xmlTextWriterStartElement(w_, BAD_CAST "svg"));
        attr("xmlns", "http://www.w3.org/2000/svg");
        attr("xmlns:inkscape", "http://www.inkscape.org/namespaces/inkscape");
        attr("version", "1.1");
        attr("width", std::to_string(width));
        attr("height", std::to_string(height));
        attr("viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height));
        element("title", meta.title);
        element("desc", "ca-atlas view " + meta.view + "; projection " + meta.projection + "; date " + meta.date +
                            (meta.selected.empty() ? "" : "; selected " + meta.selected) + ". " + kDataNotice);
    }
    // Closes the document and writes it to `file`; throws OutputError with the reason.
    void finish(const std::string& file) {
        check(xmlTextWriterEndDocument(w_));
        xmlFreeTextWriter(w_);  // flushes the rest into the buffer
        w_ = nullptr;
        FILE* f = std::fopen(file.c_str(), "wb");
        if (!f) throw OutputError(std::strerror(errno));
        const auto size = size_t(xmlBufferLength(buf_));
        const bool wrote = std::fwrite(xmlBufferContent(buf_), 1, size, f) == size;
        const int err = errno;
        if (std::fclose(f) != 0 || !wrote) throw OutputError(std::strerror(wrote ? errno : err));
    }

    void begin_layer(const std::string& id, const std::string& label) override {
        check(xmlTextWriterStartElement(w_, BAD_CAST "g"));
        attr("id", id);
        attr("inkscape:groupmode", "layer");
        attr("inkscape:label", label);
    }
    void end_layer() override { check(xmlTextWriterEndElement(w_)); }

    void path(const VectorPath& path, const Paint& paint) override {
        const std::string d = path_data(path);
        if (d.empty()) return;
        const std::string fill_ref = paint.hatch ? pattern_for(*paint.hatch, paint.fill) : "";
        check(xmlTextWriterStartElement(w_, BAD_CAST "path"));
        attr("d", d);
        if (paint.fill.a > 0) {
            attr("fill", paint.hatch ? "url(#" + fill_ref + ")" : hex(paint.fill));
            if (paint.fill.a < 255) attr("fill-opacity", opacity(paint.fill.a));
            attr("fill-rule", "evenodd");
        } else {
            attr("fill", "none");
        }
        stroke(paint.stroke, paint.stroke_px, paint.stroke_first);
        check(xmlTextWriterEndElement(w_));
    }

    void text(const std::string& text, double centre_x, double baseline_y, const TextStyle& style) override {
        check(xmlTextWriterStartElement(w_, BAD_CAST "text"));
        attr("x", number(centre_x));
        attr("y", number(baseline_y));
        // The families the labels were measured in: DejaVu Sans where installed, and the fallbacks
        // the text needs (a CJK font for Chinese).
        const auto shaped = shaper_.shape(text);
        attr("font-family", families(shaper_, *shaped));
        attr("font-weight", "bold");
        attr("font-size", number(style.size_px));
        attr("text-anchor", "middle");
        if (shaped->rtl) {  // a right-to-left paragraph (Persian); the viewer reorders its runs
            attr("direction", "rtl");
            attr("unicode-bidi", "embed");
        }
        attr("fill", hex(style.colour));
        if (style.colour.a < 255) attr("fill-opacity", opacity(style.colour.a));
        stroke(style.halo, 2 * style.halo_px, true);
        check(xmlTextWriterWriteString(w_, BAD_CAST xml_text(*shaped).c_str()));
        check(xmlTextWriterEndElement(w_));
    }

private:
    TextShaper& shaper_ = shaper_for(kLabelFont);
    xmlBufferPtr buf_;
    xmlTextWriterPtr w_;
    std::vector<std::pair<HatchPattern, Rgba>> patterns_;  // defined so far; id "hatch<index>"

    static void check(int rc) {
        if (rc < 0) throw OutputError("libxml2 could not write the document");
    }
    void attr(const char* name, const std::string& value) {
        check(xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST value.c_str()));
    }
    void element(const char* name, const std::string& content) {
        check(xmlTextWriterWriteElement(w_, BAD_CAST name, BAD_CAST content.c_str()));
    }
    void stroke(Rgba colour, double width_px, bool first) {
        if (width_px <= 0 || colour.a == 0) return;
        attr("stroke", hex(colour));
        if (colour.a < 255) attr("stroke-opacity", opacity(colour.a));
        attr("stroke-width", number(width_px));
        attr("stroke-linejoin", "round");
        attr("stroke-linecap", "round");
        if (first) attr("paint-order", "stroke");
    }
    // The id of a <pattern> of the hatch over `background`, written (inside the current group,
    // before the path that uses it) the first time it is asked for.
    std::string pattern_for(const HatchPattern& h, Rgba background) {
        for (size_t i = 0; i < patterns_.size(); ++i)
            if (patterns_[i].first == h && patterns_[i].second == background) return "hatch" + std::to_string(i);
        const std::string id = "hatch" + std::to_string(patterns_.size());
        patterns_.push_back({h, background});
        const double p = h.period_px;
        check(xmlTextWriterStartElement(w_, BAD_CAST "defs"));
        check(xmlTextWriterStartElement(w_, BAD_CAST "pattern"));
        attr("id", id);
        attr("patternUnits", "userSpaceOnUse");
        // The tile's corner on the map's origin: the origin less whole tiles, written exactly.
        attr("x", decimal(h.origin_px.x - p * std::floor(h.origin_px.x / p)));
        attr("y", decimal(h.origin_px.y - p * std::floor(h.origin_px.y / p)));
        attr("width", decimal(p));
        attr("height", decimal(p));
        check(xmlTextWriterStartElement(w_, BAD_CAST "rect"));
        attr("width", decimal(p));
        attr("height", decimal(p));
        attr("fill", hex(background));
        check(xmlTextWriterEndElement(w_));
        const HatchTile tile = hatch_tile(h);
        check(xmlTextWriterStartElement(w_, BAD_CAST "path"));
        attr("d", path_data(tile.shapes));
        if (tile.filled) {
            attr("fill", hex(h.colour));
        } else {
            attr("fill", "none");
            attr("stroke", hex(h.colour));
            attr("stroke-width", decimal(h.width_px));
        }
        check(xmlTextWriterEndElement(w_));
        check(xmlTextWriterEndElement(w_));
        check(xmlTextWriterEndElement(w_));
        return id;
    }
};

}  // namespace

void export_svg(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                const Figure& figure) {
    AtomicFile file(path);
    const Frame frame = figure_frame(model, state, measure, figure);
    try {
        SvgWriter svg;
        svg.start(state.camera.width_px, state.camera.height_px, view_record(model, state));
        draw_map(frame, state.layers, model.projected, model.features, svg);
        svg.finish(file.temp_path());
    } catch (const OutputError& e) {
        throw OutputError("cannot write '" + path + "': " + e.what());
    }
    file.commit();
}

}  // namespace atlas
