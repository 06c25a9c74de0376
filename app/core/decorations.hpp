// What an exported figure can carry around the map: a title, the legend, a scale bar, the
// attribution, the article's citation and a caption (a passage quoted). Laid out here as panels
// and text in the Frame, so every exporter (GL raster, vector) draws the same figure. Pure C++.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frame.hpp"
#include "labels.hpp"
#include "overlay.hpp"

namespace atlas {

struct Decorations {
    std::string title;                // empty: no title
    std::vector<LegendEntry> legend;  // empty: no legend
    std::string legend_title;         // above the legend's classes ("On 31 December 2012")
    // Under the classes, headed "Symbols": each kind of mark in the figure's map with its meaning,
    // drawn as the map draws it (symbols_in_view of the figure's frame).
    std::vector<SymbolKey> symbols;
    bool symbol_key = false;  // a figure's legend explains its marks: figure_frame fills `symbols` and `user_layers`
    // Under the symbols, headed "Your layers": each of the user's own layers the map shows in its
    // image, by its file's name, its swatch as the map draws it: a box tinted with its fill and
    // edged in its colour where it has polygons in view, else a stroke where it has lines, else a dot.
    struct UserLayerKey {
        std::string name;
        Rgba colour;
        bool points = false, lines = false, polygons = false;
    };
    std::vector<UserLayerKey> user_layers;
    struct Bar {
        double length_px = 0;  // framebuffer pixels of the image
        std::string label;     // "500 km"
    };
    std::optional<Bar> scale_bar;
    std::string attribution;  // data sources; empty: none
    std::string citation;     // the article's citation; empty: none (a caption carries its own)
    struct Caption {
        std::string heading;  // e.g. the scene's title; may be empty
        std::string passage;  // the author's words, quoted as they are
        std::string source;   // "Iskandarov 2013, passage integration-6" and the citation
        // The presentation's caption, for a projector and the back row of a classroom: light text
        // on a near-black band (the heading yellow), the passage at 30 px on a 1080-line screen
        // and never under 28, the heading at 34 and the source at 22. Otherwise a figure's: dark
        // text on white, the passage at 26 px, set down to 15 before words are cut.
        bool projector = false;
        // The map's day ("The map on 28 June 2012"), right-aligned on the heading's row in the
        // source's type, or first among the source's lines where the heading leaves no room.
        std::string dateline;
        bool quoted = true;  // the passage in quotation marks (the author's words); false for a quiz's question
        std::string note{};  // a note (not the author's words) under the source, on up to three lines
    };
    std::optional<Caption> caption;

    bool empty() const {
        return title.empty() && legend.empty() && symbols.empty() && user_layers.empty() && !scale_bar && attribution.empty() && citation.empty() && !caption;
    }
};

// Pixels of a sheet of paper at `dpi`: "a5", "a4", "a3", "letter", landscape unless the name ends
// in "-portrait" (A4 at 300 dpi: 3508 x 2480). Nothing for a name it does not know.
std::optional<std::pair<int, int>> paper_size_px(const std::string& name, double dpi);

// Lines of `text` no wider than max_px at size_px, broken between words (a word wider than the
// line stands alone on its line). Empty text gives no lines.
std::vector<std::string> wrap_text(const std::string& text, const TextMeasure& measure, double size_px,
                                   double max_px);

// Adds the decorations to frame.panels and frame.panel_labels, laid out for the frame's image
// (frame.camera's size) at `scale` (1: sizes for a 1080-line image; text, boxes and margins scale
// with it). A caption runs along the bottom, at most about a third of the image high: a long
// passage is set smaller, down to a floor, and then cut at a word with an ellipsis.
void add_decorations(Frame& frame, const Decorations& decorations, const OverlayStyle& overlay,
                     const TextMeasure& measure, float scale);

// The rows at the bottom of the frame's image (counted by their pixel centres) that the panels
// spanning its whole width cover, stacked up from the bottom edge (a caption over the foot); 0 if
// none.
int bottom_band_px(const Frame& frame);

}  // namespace atlas
