// Layout of an exported figure's decorations as Frame panels and text. Pure C++.
#include "decorations.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "user_layer.hpp"

namespace atlas {

namespace {

// Colours of the decorations: white panels with a grey edge and near-black text, which reads on a
// projector and prints without flooding the page with ink.
constexpr Rgba kPanel{0xff, 0xff, 0xff, 255};
constexpr Rgba kEdge{0x8a, 0x84, 0x7e, 255};
constexpr Rgba kInk{0x1e, 0x1c, 0x1a, 255};
constexpr Rgba kMutedInk{0x4a, 0x46, 0x42, 255};
constexpr const char* kYourLayers = "Your layers";
// The presentation's caption: white and yellow on near-black (contrast 19.5:1 and 13.9:1), the
// source in a light grey (11.8:1), as a projector in a lit room still shows them.
constexpr Rgba kProjectorPanel{12, 12, 16, 255};
constexpr Rgba kProjectorInk{255, 255, 255, 255};
constexpr Rgba kProjectorHeading{255, 214, 64, 255};
constexpr Rgba kProjectorMuted{200, 200, 210, 255};

// Vertical metrics of DejaVu Sans, in em: a line is 1.3 em, and the centre of a capital letter
// (where FrameLabel puts centre_px.y) sits 0.6 em below the top of the line's box.
constexpr double kLineEm = 1.3;
constexpr double kCapCentreEm = 0.6;

struct Ink {
    Frame& frame;
    const TextMeasure& measure;

    double width(const std::string& text, double size) const { return measure(text) * size; }
    // A line of text whose box starts at (x, top): left-aligned.
    void text(const std::string& t, double x, double top, double size, Rgba colour) {
        TextStyle st;
        st.colour = colour;
        st.halo = Rgba{0, 0, 0, 0};
        st.size_px = float(size);
        st.halo_px = 0;
        frame.panel_labels.push_back({t, {x + width(t, size) / 2, top + kCapCentreEm * size}, st});
    }
    // A box with an edge of `edge_px` around it.
    void panel(double x0, double y0, double x1, double y1, double edge_px, Rgba fill = kPanel,
               Rgba hatch = Rgba{0, 0, 0, 0}) {
        if (edge_px > 0) frame.panels.push_back({{x0 - edge_px, y0 - edge_px}, {x1 + edge_px, y1 + edge_px}, kEdge, Rgba{0, 0, 0, 0}});
        frame.panels.push_back({{x0, y0}, {x1, y1}, fill, hatch});
    }
};

// `lines` cut to at most max_lines, the last one ending in an ellipsis where text was left out.
std::vector<std::string> cut(std::vector<std::string> lines, size_t max_lines, const TextMeasure& measure, double size,
                             double max_px) {
    if (lines.size() <= max_lines) return lines;
    lines.resize(max_lines);
    std::string& last = lines.back();
    while (!last.empty() && measure(last + " \u2026") * size > max_px) {
        const auto sp = last.find_last_of(' ');
        last.resize(sp == std::string::npos ? 0 : sp);
    }
    last += last.empty() ? "\u2026" : " \u2026";
    return lines;
}

}  // namespace

std::optional<std::pair<int, int>> paper_size_px(const std::string& name, double dpi) {
    // ISO 216 sizes and US letter, millimetres, long side first.
    struct Sheet {
        const char* name;
        double long_mm, short_mm;
    };
    static constexpr Sheet sheets[] = {{"a5", 210, 148}, {"a4", 297, 210}, {"a3", 420, 297}, {"letter", 279.4, 215.9}};
    std::string base = name;
    bool portrait = false;
    if (const auto dash = base.find('-'); dash != std::string::npos) {
        if (base.substr(dash) == "-portrait")
            portrait = true;
        else if (base.substr(dash) != "-landscape")
            return std::nullopt;
        base.resize(dash);
    }
    for (const auto& sh : sheets) {
        if (base != sh.name) continue;
        const int l = int(std::lround(sh.long_mm / 25.4 * dpi)), w = int(std::lround(sh.short_mm / 25.4 * dpi));
        return portrait ? std::make_pair(w, l) : std::make_pair(l, w);
    }
    return std::nullopt;
}

std::vector<std::string> wrap_text(const std::string& text, const TextMeasure& measure, double size_px,
                                   double max_px) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && measure(candidate) * size_px > max_px) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

void add_decorations(Frame& frame, const Decorations& d, const OverlayStyle& overlay, const TextMeasure& measure,
                     float scale) {
    const double s = scale;
    const double W = frame.camera.width_px, H = frame.camera.height_px;
    const double margin = 16 * s, pad = 10 * s, edge = std::max(1.0, std::round(s));
    Ink ink{frame, measure};
    double bottom = H;  // the top of what is already laid out along the bottom edge

    // The foot: attribution (and the citation when no caption carries it), small, full width.
    std::vector<std::string> foot;
    if (!d.attribution.empty()) foot.push_back(d.attribution);
    if (!d.citation.empty() && !d.caption) foot.push_back(d.citation);
    if (!foot.empty()) {
        const double size = 11 * s;
        std::vector<std::string> lines;
        for (const auto& f : foot)
            for (auto& l : wrap_text(f, measure, size, W - 2 * margin)) lines.push_back(std::move(l));
        const double h = lines.size() * kLineEm * size + pad;
        ink.panel(0, H - h, W, H, 0, Rgba{0xf4, 0xf2, 0xee, 255});
        for (size_t i = 0; i < lines.size(); ++i)
            ink.text(lines[i], margin, H - h + pad / 2 + i * kLineEm * size, size, kMutedInk);
        bottom = H - h;
    }

    // The caption: heading, the passage quoted, its source; at most a third of the image high.
    if (d.caption) {
        const bool pj = d.caption->projector;
        const double max_h = H / 3;
        const double heading = (pj ? 34 : 22) * s, source = (pj ? 22 : 13) * s, width = W - 2 * margin;
        const double largest = (pj ? 30 : 26) * s, smallest = (pj ? 28 : 15) * s;
        const std::string quoted = d.caption->passage.empty() || !d.caption->quoted
                                       ? d.caption->passage
                                       : "\u201c" + d.caption->passage + "\u201d";
        // The source on up to two lines: the place in the article and its citation read whole;
        // then the note on up to three.
        auto source_lines = cut(wrap_text(d.caption->source, measure, source, width), 2, measure, source, width);
        for (auto& l : cut(wrap_text(d.caption->note, measure, source, width), 3, measure, source, width))
            source_lines.push_back(std::move(l));
        const std::string& dateline = d.caption->dateline;
        const bool date_on_head = !dateline.empty() && ink.width(d.caption->heading, heading) +
                                                               ink.width(dateline, source) + 2 * pad <= width;
        if (!dateline.empty() && !date_on_head) source_lines.insert(source_lines.begin(), dateline);
        const bool head_row = !d.caption->heading.empty() || date_on_head;
        std::vector<std::string> lines;
        auto height_for = [&](size_t n, double sz) {
            return 2 * pad + (head_row ? kLineEm * heading : 0) + n * kLineEm * sz +
                   (source_lines.empty() ? 0 : source_lines.size() * kLineEm * source + pad / 2);
        };
        // Smaller type before cutting words, down to the floor (still readable on a slide, or
        // from the back row).
        double size = largest;
        for (; size >= smallest; size -= 1 * s) {
            lines = wrap_text(quoted, measure, size, width);
            if (height_for(lines.size(), size) <= max_h) break;
        }
        size = std::max(size, smallest);
        lines = wrap_text(quoted, measure, size, width);
        // A projector's caption is never cut (scene 8 lost the 2012 exercises at 720 lines): at
        // the floor it takes more of the screen, up to three fifths; only a passage longer than
        // that is cut.
        const double room = (pj ? std::max(max_h, std::min(height_for(lines.size(), size), H * 0.6)) : max_h) -
                            height_for(0, size);
        lines = cut(std::move(lines), size_t(std::max(1.0, std::floor(room / (kLineEm * size)))), measure, size, width);
        const double h = height_for(lines.size(), size);
        const double top = bottom - h;
        ink.panel(0, top, W, bottom, 0, pj ? kProjectorPanel : kPanel);
        if (!pj) ink.panel(0, top - edge, W, top, 0, kEdge);
        double y = top + pad;
        if (head_row) {
            if (!d.caption->heading.empty())
                ink.text(d.caption->heading, margin, y, heading, pj ? kProjectorHeading : kMutedInk);
            if (date_on_head)  // its capitals centred on the heading's
                ink.text(dateline, W - margin - ink.width(dateline, source), y + kCapCentreEm * (heading - source), source,
                         pj ? kProjectorMuted : kMutedInk);
            y += kLineEm * heading;
        }
        for (const auto& l : lines) {
            ink.text(l, margin, y, size, pj ? kProjectorInk : kInk);
            y += kLineEm * size;
        }
        for (const auto& l : source_lines) {
            ink.text(l, margin, y + pad / 2, source, pj ? kProjectorMuted : kMutedInk);
            y += kLineEm * source;
        }
        bottom = pj ? top : top - edge;
    }

    // The title, top left.
    double top = 0;  // the bottom of what is laid out along the top edge
    if (!d.title.empty()) {
        const double size = 30 * s;
        const auto lines = cut(wrap_text(d.title, measure, size, W * 0.6), 2, measure, size, W * 0.6);
        double w = 0;
        for (const auto& l : lines) w = std::max(w, ink.width(l, size));
        const double h = lines.size() * kLineEm * size + pad;
        ink.panel(margin, margin, margin + w + 2 * pad, margin + h + pad / 2, edge);
        top = margin + h + pad / 2 + edge;
        for (size_t i = 0; i < lines.size(); ++i)
            ink.text(lines[i], margin + pad, margin + pad * 0.75 + i * kLineEm * size, size, kInk);
    }

    // The legend, bottom left: a swatch (fill and pattern, as on the map) beside each class, then
    // under "Symbols" each kind of mark as the map draws it; set smaller when the image is too low
    // to hold it between the title and the bottom.
    Box legend_box;
    if (!d.legend.empty() || !d.symbols.empty() || !d.user_layers.empty()) {
        const bool symbols_head = !d.symbols.empty(), user_head = !d.user_layers.empty();
        const size_t rows = d.legend.size() + d.symbols.size() + d.user_layers.size();
        auto height_at = [&](double k) {
            const double row = std::max(22 * k, kLineEm * 14 * k), head = kLineEm * 14 * k + 2 * k;
            return (d.legend_title.empty() || d.legend.empty() ? 0 : head) + (symbols_head ? head : 0) +
                   (user_head ? head : 0) + rows * row + 2 * pad;
        };
        const double room = bottom - margin - std::max(top, margin) - margin;
        const double k = s * std::min(1.0, room / height_at(s));
        const double size = 14 * k, sw = 28 * k, sh = 16 * k, row = std::max(22 * k, kLineEm * size);
        const double head = kLineEm * size + 2 * k;
        const double classes_head = d.legend_title.empty() || d.legend.empty() ? 0 : head;
        double w = d.legend.empty() ? 0 : ink.width(d.legend_title, size);
        for (const auto& e : d.legend) w = std::max(w, sw + 8 * k + ink.width(e.label, size));
        for (const auto& e : d.symbols) w = std::max(w, sw + 8 * k + ink.width(e.meaning, size));
        for (const auto& e : d.user_layers) w = std::max(w, sw + 8 * k + ink.width(e.name, size));
        if (user_head) w = std::max(w, ink.width(kYourLayers, size));
        const double h = classes_head + d.legend.size() * row + (symbols_head ? head : 0) + d.symbols.size() * row +
                         (user_head ? head : 0) + d.user_layers.size() * row;
        const double x0 = margin, y1 = bottom - margin, y0 = y1 - h - 2 * pad;
        ink.panel(x0, y0, x0 + w + 2 * pad, y1, edge);
        legend_box.add(Vec2{x0 - edge, y0 - edge});
        legend_box.add(Vec2{x0 + w + 2 * pad + edge, y1 + edge});
        double y = y0 + pad;
        if (classes_head > 0) ink.text(d.legend_title, x0 + pad, y, size, kMutedInk);
        y += classes_head;
        for (const auto& e : d.legend) {
            const double sy = y + (row - sh) / 2;
            const Rgba hatch = e.hatch == Hatch::None ? Rgba{0, 0, 0, 0}
                                                      : Rgba{overlay.hatch.r, overlay.hatch.g, overlay.hatch.b,
                                                             std::uint8_t(e.hatch)};
            ink.panel(x0 + pad, sy, x0 + pad + sw, sy + sh, edge, e.fill, hatch);
            ink.text(e.label, x0 + pad + sw + 8 * k, y + (row - kLineEm * size) / 2, size, kInk);
            y += row;
        }
        if (symbols_head) {
            ink.text("Symbols", x0 + pad, y + (d.legend.empty() ? 0 : 2 * k), size, kMutedInk);
            y += head;
        }
        for (const auto& e : d.symbols) {
            // The mark at the size the map draws it on a 1080-line image, centred on the swatch's place.
            FrameSymbol mark;
            mark.centre_px = {x0 + pad + sw / 2, y + row / 2};
            mark.size_px = float(std::min(sh * 1.1, 18 * k));
            mark.shape = e.shape;
            mark.fill = e.fill;
            mark.outline = e.outline;
            mark.outline_px = float(1.5 * k);
            mark.hollow = e.hollow;
            mark.layer = MapLayer::Places;
            frame.panel_symbols.push_back(mark);
            ink.text(e.meaning, x0 + pad + sw + 8 * k, y + (row - kLineEm * size) / 2, size, kInk);
            y += row;
        }
        if (user_head) {
            ink.text(kYourLayers, x0 + pad, y + 2 * k, size, kMutedInk);
            y += head;
        }
        for (const auto& e : d.user_layers) {
            const double sx = x0 + pad, sy = y + (row - sh) / 2;
            if (e.polygons) {
                // Its outline's colour around its fill as it lies over white paper.
                const double a = kUserFillAlpha / 255.0, edge_w = 2 * k;
                const auto over_white = [&](std::uint8_t c) { return std::uint8_t(std::lround(c * a + 255 * (1 - a))); };
                ink.panel(sx, sy, sx + sw, sy + sh, 0, e.colour);
                ink.panel(sx + edge_w, sy + edge_w, sx + sw - edge_w, sy + sh - edge_w, 0,
                          Rgba{over_white(e.colour.r), over_white(e.colour.g), over_white(e.colour.b), 255});
            } else if (e.lines) {
                const double t = 3 * k;
                ink.panel(sx, y + row / 2 - t / 2, sx + sw, y + row / 2 + t / 2, 0, e.colour);
            } else {
                FrameSymbol mark;
                mark.centre_px = {sx + sw / 2, y + row / 2};
                mark.size_px = float(std::min(sh * 0.8, 12 * k));
                mark.shape = SymbolShape::Circle;
                mark.fill = e.colour;
                mark.outline = kInk;
                mark.outline_px = float(1.0 * k);
                mark.layer = MapLayer::Places;
                frame.panel_symbols.push_back(mark);
            }
            ink.text(e.name, sx + sw + 8 * k, y + (row - kLineEm * size) / 2, size, kInk);
            y += row;
        }
    }

    // The scale bar, bottom right: a bar in two halves, 0 at its start, the distance at its end.
    if (d.scale_bar && d.scale_bar->length_px > 0) {
        const double size = 13 * s, bar_h = 7 * s, len = d.scale_bar->length_px;
        const double label_w = ink.width(d.scale_bar->label, size);
        const double w = len + label_w / 2 + ink.width("0", size) / 2;
        const double h = kLineEm * size + bar_h + 4 * s;
        // Bottom right, or top right where the legend already takes the bottom's width.
        const double x1 = W - margin, x0 = x1 - w - 2 * pad;
        double y1 = bottom - margin, y0 = y1 - h - 2 * pad;
        Box here;
        here.add(Vec2{x0 - edge, y0 - edge});
        here.add(Vec2{x1 + edge, y1 + edge});
        if (!legend_box.empty() && here.intersects(legend_box)) {
            y0 = margin;
            y1 = y0 + h + 2 * pad;
        }
        ink.panel(x0, y0, x1, y1, edge);
        const double bx = x0 + pad + ink.width("0", size) / 2, by = y0 + pad + kLineEm * size + 2 * s;
        ink.panel(bx, by, bx + len, by + bar_h, edge, kInk);
        ink.panel(bx + len / 2, by, bx + len, by + bar_h, 0, kPanel);
        ink.text("0", bx - ink.width("0", size) / 2, y0 + pad, size, kInk);
        ink.text(d.scale_bar->label, bx + len - label_w / 2, y0 + pad, size, kInk);
    }
}

int bottom_band_px(const Frame& frame) {
    const double W = frame.camera.width_px, H = frame.camera.height_px;
    double top = H;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& p : frame.panels)
            if (p.min_px.x <= 0 && p.max_px.x >= W && p.max_px.y >= top - 0.5 && p.min_px.y < top) {
                top = p.min_px.y;
                grew = true;
            }
    }
    return int(std::floor(H - top));  // rows whose pixel centres the band covers
}

}  // namespace atlas
