// The Cairo canvas and the PDF files made with it: one map a page (--export FILE.pdf, the tour's
// slides) and the tour's handout (A4 landscape pages with the map, the heading and the caption).
// Text is shaped (text/: bidi, fallback fonts, HarfBuzz) and shown as those glyphs with their
// characters (cairo_show_text_glyphs) in the fonts fontconfig finds (cairo-ft), so Persian is
// joined and right to left, Chinese drawn in a CJK font, and every name can be searched and copied.
// No GL, and no Pango: its GLib stack alone added 5 MiB to every export's memory.
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/decorations.hpp"
#include "core/errors.hpp"
#include "geo/raster.hpp"
#include "export/pdf_layers.hpp"
#include "text/shape.hpp"
#include "export/vector.hpp"

namespace atlas {

namespace {

// A PDF point is 1/72 inch; an image pixel is taken as 1/96 inch (CSS), so 0.75 pt.
constexpr double kPointsPerPx = 0.75;

void set_colour(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void add_path(cairo_t* cr, const VectorPath& path) {
    for (const auto& part : path.parts) {
        if (part.empty()) continue;
        cairo_move_to(cr, part[0].x, part[0].y);
        for (size_t i = 1; i < part.size(); ++i) cairo_line_to(cr, part[i].x, part[i].y);
        if (path.closed) cairo_close_path(cr);
    }
}

// Cairo's faces for the fonts shaped text uses (cairo-ft, from the same file and face index as the
// shaper's), made at first use and kept for the whole file, and the drawing of shaped text with
// them. Unhinted: the text measures the same at every size, as the screen's labels do.
class CairoText {
public:
    CairoText() {
        options_ = cairo_font_options_create();
        cairo_font_options_set_hint_style(options_, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options_, CAIRO_HINT_METRICS_OFF);
    }
    ~CairoText() {
        for (auto& [file, face] : faces_) cairo_font_face_destroy(face);
        cairo_font_options_destroy(options_);
    }
    CairoText(const CairoText&) = delete;
    CairoText& operator=(const CairoText&) = delete;

    // Sets `file` at size_px (user units) as cr's font.
    void use(cairo_t* cr, const FontFile& file, double size_px) {
        cairo_set_font_face(cr, face(file));
        cairo_set_font_options(cr, options_);
        cairo_set_font_size(cr, size_px);
    }
    // Draws `text` with the left end of its baseline at (x, baseline), size_px to the em, in
    // `colour`; first, when halo_px > 0, the letters' outlines stroked halo_px out in `halo`.
    void show(cairo_t* cr, const ShapedText& text, double x, double baseline, double size_px, Rgba colour,
              double halo_px = 0, Rgba halo = {}) {
        std::vector<std::vector<cairo_glyph_t>> placed(text.runs.size());
        double pen = x;
        for (size_t r = 0; r < text.runs.size(); ++r)
            for (const ShapedGlyph& g : text.runs[r].glyphs) {
                placed[r].push_back({g.id, pen + g.x_offset * size_px, baseline - g.y_offset * size_px});
                pen += g.advance * size_px;
            }
        if (halo_px > 0 && halo.a > 0) {
            cairo_new_path(cr);
            for (size_t r = 0; r < text.runs.size(); ++r) {
                use(cr, *text.runs[r].font, size_px);
                cairo_glyph_path(cr, placed[r].data(), int(placed[r].size()));
            }
            set_colour(cr, halo);
            cairo_set_line_width(cr, 2 * halo_px);
            cairo_stroke(cr);
        }
        set_colour(cr, colour);
        for (size_t r = 0; r < text.runs.size(); ++r) {
            if (placed[r].empty()) continue;
            // The glyphs with the characters they draw: the PDF's text is the words, not glyph ids.
            const RunClusters rc = run_clusters(text, text.runs[r]);
            std::vector<cairo_text_cluster_t> clusters;
            for (const auto& [bytes, glyphs] : rc.clusters) clusters.push_back({bytes, glyphs});
            use(cr, *text.runs[r].font, size_px);
            cairo_show_text_glyphs(cr, rc.utf8.data(), int(rc.utf8.size()), placed[r].data(), int(placed[r].size()),
                                   clusters.data(), int(clusters.size()),
                                   rc.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
        }
        cairo_new_path(cr);
    }

private:
    cairo_font_options_t* options_ = nullptr;
    std::map<std::pair<std::string, int>, cairo_font_face_t*> faces_;

    cairo_font_face_t* face(const FontFile& file) {
        cairo_font_face_t*& face = faces_[{file.path, file.index}];
        if (!face) {
            FcPattern* pattern = FcPatternCreate();
            FcPatternAddString(pattern, FC_FILE, reinterpret_cast<const FcChar8*>(file.path.c_str()));
            FcPatternAddInteger(pattern, FC_INDEX, file.index);
            face = cairo_ft_font_face_create_for_pattern(pattern);
            FcPatternDestroy(pattern);
        }
        return face;
    }
};

class CairoCanvas final : public VectorCanvas {
public:
    // Draws into `cr` in its current user space (image pixels). Text is the screen's labels' shaped
    // glyphs (shaper_for(kLabelFont)) in `fonts`. Each group begun is marked as a "Sect" structure
    // element and listed in `layers`, for make_layers().
    CairoCanvas(cairo_t* cr, CairoText& fonts, std::vector<PdfLayer>& layers)
        : cr_(cr), fonts_(fonts), layers_(layers) {
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
        cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);
    }
    ~CairoCanvas() override {
        for (auto& [h, p] : patterns_) cairo_pattern_destroy(p);
    }
    CairoCanvas(const CairoCanvas&) = delete;
    CairoCanvas& operator=(const CairoCanvas&) = delete;

    // Cairo 1.16 writes no layers: a group is marked here and made a layer by make_layers().
    void begin_layer(const std::string& id, const std::string& label) override {
        cairo_tag_begin(cr_, "Sect", "");
        layers_.push_back({id, label, rank(id)});
    }
    void end_layer() override { cairo_tag_end(cr_, "Sect"); }

    void path(const VectorPath& path, const Paint& paint) override {
        if (path.empty()) return;
        cairo_new_path(cr_);
        add_path(cr_, path);
        const bool stroked = paint.stroke_px > 0 && paint.stroke.a > 0;
        if (stroked && paint.stroke_first) stroke(paint);
        if (paint.fill.a > 0) {
            set_colour(cr_, paint.fill);
            cairo_fill_preserve(cr_);
            if (paint.hatch) {
                hatch(*paint.hatch);
                cairo_new_path(cr_);
                add_path(cr_, path);
            }
        }
        if (stroked && !paint.stroke_first) stroke(paint);
        cairo_new_path(cr_);
    }

    void text(const std::string& text, double centre_x, double baseline_y, const TextStyle& style) override {
        const auto shaped = shaper_.shape(text);
        fonts_.show(cr_, *shaped, centre_x - shaped->width * style.size_px / 2, baseline_y, style.size_px, style.colour,
                    style.halo_px, style.halo);
    }

private:
    cairo_t* cr_;
    CairoText& fonts_;
    TextShaper& shaper_ = shaper_for(kLabelFont);
    std::vector<PdfLayer>& layers_;
    // Where a group is drawn when every layer and a selection are: a handout's pages, each with
    // its own layers, list them in that order.
    static int rank(const std::string& id) {
        static const std::vector<VectorGroup> all = vector_groups(Layers{}, true, true, {{0, ""}});
        // A user's layers ("user-1", "user-2" ...) stand where the first one does, in their order.
        const bool user = id.rfind("user-", 0) == 0;
        for (size_t i = 0; i < all.size(); ++i)
            if (all[i].id == id || (user && all[i].layer == MapLayer::User)) return int(i);
        return int(all.size());  // the figure's decorations, over the map
    }
    std::vector<std::pair<HatchPattern, cairo_pattern_t*>> patterns_;

    // The pattern over the solid fill of the current path. Lines are drawn whole across the path's
    // extent under a clip: a PDF tiling pattern whose lines cross its tile's edges shows hairline
    // seams between the tiles in viewers (poppler). Dots stay clear of the edges: they are a tile.
    void hatch(const HatchPattern& h) {
        cairo_save(cr_);
        if (h.kind == Hatch::Dots) {
            cairo_set_source(cr_, pattern_for(h));
            cairo_fill_preserve(cr_);
        } else {
            cairo_clip_preserve(cr_);
            Box area;
            cairo_clip_extents(cr_, &area.min_x, &area.min_y, &area.max_x, &area.max_y);
            cairo_new_path(cr_);
            add_path(cr_, hatch_lines(h, area));
            set_colour(cr_, h.colour);
            cairo_set_line_width(cr_, h.width_px);
            cairo_stroke(cr_);
        }
        cairo_restore(cr_);
    }
    void stroke(const Paint& paint) {
        set_colour(cr_, paint.stroke);
        cairo_set_line_width(cr_, paint.stroke_px);
        cairo_stroke_preserve(cr_);
    }
    // The dots as a repeating vector tile anchored where the pattern says (made once; line
    // patterns are drawn whole under a clip, see hatch()).
    cairo_pattern_t* pattern_for(const HatchPattern& h) {
        for (const auto& [known, p] : patterns_)
            if (known == h) return p;
        const cairo_rectangle_t extents{0, 0, h.period_px, h.period_px};
        cairo_surface_t* tile_surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        cairo_t* t = cairo_create(tile_surface);
        const HatchTile tile = hatch_tile(h);
        add_path(t, tile.shapes);
        set_colour(t, h.colour);
        cairo_fill(t);
        cairo_destroy(t);
        cairo_pattern_t* p = cairo_pattern_create_for_surface(tile_surface);
        cairo_surface_destroy(tile_surface);
        cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
        cairo_matrix_t m;
        cairo_matrix_init_translate(&m, -h.origin_px.x, -h.origin_px.y);
        cairo_pattern_set_matrix(p, &m);
        patterns_.push_back({h, p});
        return p;
    }
};

// A Cairo PDF surface on a temporary file; close() finishes it, reports Cairo's errors and makes
// the map's groups layers.
class PdfFile {
public:
    PdfFile(const std::string& path, double width_pt, double height_pt, const std::string& title)
        : path_(path), file_(path) {
        surface_ = cairo_pdf_surface_create(file_.temp_path().c_str(), width_pt, height_pt);
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "ca-atlas");
        cr_ = cairo_create(surface_);
        try {
            fail_on_error();
        } catch (...) {
            cairo_destroy(cr_);
            cairo_surface_destroy(surface_);
            throw;
        }
    }
    ~PdfFile() {
        cairo_destroy(cr_);
        cairo_surface_destroy(surface_);
    }
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    cairo_t* cr() const { return cr_; }
    // The layers begun so far, in order, across pages.
    std::vector<PdfLayer>& layers() { return layers_; }
    // The fonts of the file's text.
    CairoText& fonts() { return fonts_; }
    // Throws OutputError if Cairo has failed so far (it stops drawing at its first error).
    void fail_on_error() const {
        cairo_status_t s = cairo_status(cr_);
        if (s == CAIRO_STATUS_SUCCESS) s = cairo_surface_status(surface_);
        if (s != CAIRO_STATUS_SUCCESS)
            throw OutputError("cannot write '" + path_ + "': " + cairo_status_to_string(s));
    }
    void close() {
        cairo_surface_finish(surface_);
        fail_on_error();
        make_layers(file_.temp_path(), layers_);
        file_.commit();
    }

private:
    std::string path_;
    AtomicFile file_;
    std::vector<PdfLayer> layers_;
    CairoText fonts_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
};

// Draws the map of `state` into the rectangle of the PDF's current page at (x, y) that is `scale` user
// units per image pixel, clipped to it, its groups marked as layers.
void draw_map_at(PdfFile& pdf, const MapModel& model, const AppState& state, const TextMeasure& measure, double x,
                 double y, double scale, const Figure& figure = {}) {
    const Frame frame = figure_frame(model, state, measure, figure);
    cairo_t* cr = pdf.cr();
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    cairo_rectangle(cr, 0, 0, state.camera.width_px, state.camera.height_px);
    cairo_clip(cr);
    {
        CairoCanvas canvas(cr, pdf.fonts(), pdf.layers());
        draw_map(frame, state.layers, model.projected, model.features, canvas);
    }
    cairo_restore(cr);
}

}  // namespace

void export_pdf(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                const Figure& figure) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    const double pt = figure.dpi > 0 ? 72.0 / figure.dpi : kPointsPerPx;  // 72 points to the inch
    PdfFile pdf(path, w * pt, h * pt, view_record(model, state).title);
    draw_map_at(pdf, model, state, measure, 0, 0, pt, figure);
    pdf.close();
}

// A4 landscape in points, and the handout's layout on it (points).
namespace {
constexpr double kPageWidth = 841.89, kPageHeight = 595.28;
constexpr double kMargin = 36;          // half an inch
constexpr double kHeadingHeight = 28;   // the heading's line and the space under it
constexpr double kCaptionHeight = 100;  // under the map: the quote, the citation and the map's details
constexpr double kCaptionGap = 10;      // between the map and the caption, and between its parts
// The handout's map is drawn for its printed size (a pixel 0.75 pt), with text and lines at 0.8 of
// the screen's: the country names come out at about 8 pt, the smallest labels at 6.6 pt.
constexpr float kHandoutPixelScale = 0.8f;

// The handout's three typefaces, each a chain of fonts shaped from, shared with the rest of the
// process.
struct HandoutFonts {
    TextShaper& sans_bold = shaper_for(kLabelFont);
    TextShaper& sans = shaper_for(kUiFont);
    TextShaper& serif = shaper_for(kSerifFont);
};

// Lays out `text` shaped by `shaper` wrapped to `width` points (between words) at (x, y), the top of
// its first line, drawing it if `draw`; returns its height in points. Lines are spaced by the first
// font of the chain; a right-to-left paragraph's lines end at x + width.
double paragraph(cairo_t* cr, CairoText& fonts, const std::string& text, TextShaper& shaper, double size_pt,
                 double width, double x, double y, Rgba colour, bool draw) {
    if (text.empty()) return 0;
    cairo_save(cr);
    fonts.use(cr, shaper.fonts().file(0), size_pt);
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    const auto lines = wrap_text(text, measure_with(shaper), size_pt, width);
    if (draw) {
        for (size_t i = 0; i < lines.size(); ++i) {
            const auto shaped = shaper.shape(lines[i]);
            const double left = shaped->rtl ? x + width - shaped->width * size_pt : x;
            fonts.show(cr, *shaped, left, y + fe.ascent + double(i) * fe.height, size_pt, colour);
        }
    }
    cairo_restore(cr);
    return double(lines.size()) * fe.height;
}
}  // namespace

struct PdfHandout::Impl {
    PdfFile pdf;
    HandoutFonts fonts;
    Impl(const std::string& path, const std::string& title) : pdf(path, kPageWidth, kPageHeight, title) {}
};

PdfHandout::PdfHandout(const std::string& path, const std::string& title)
    : impl_(std::make_unique<Impl>(path, title)) {}

PdfHandout::~PdfHandout() = default;

void PdfHandout::add_page(const MapModel& model, const AppState& state, const TextMeasure& measure,
                          const HandoutPage& page) {
    cairo_t* cr = impl_->pdf.cr();
    const Rgba ink{0x20, 0x20, 0x20, 255}, grey{0x55, 0x55, 0x55, 255};
    const double width = kPageWidth - 2 * kMargin;
    const HandoutFonts& f = impl_->fonts;
    CairoText& text = impl_->pdf.fonts();
    paragraph(cr, text, page.heading, f.sans_bold, 15, width, kMargin, kMargin - 6, ink, true);
    // The map as large as the page allows above the caption, in the shape of the scene's view.
    const double top = kMargin + kHeadingHeight;
    const double box_h = kPageHeight - top - kMargin - kCaptionHeight - kCaptionGap;
    const double aspect = double(state.camera.width_px) / state.camera.height_px;
    const double map_w = std::min(width, box_h * aspect), map_h = map_w / aspect;
    AppState printed = rescaled(state, int(std::lround(map_w / kPointsPerPx)), int(std::lround(map_h / kPointsPerPx)));
    printed.pixel_scale = kHandoutPixelScale;
    // With its legend: the classes (where the memberships are shown) and the kinds of mark in view.
    FigureChoice key;
    key.legend = true;
    Figure figure;
    figure.decorations = decorations_for(model, printed, key);
    figure.ink = page.ink;
    const double left = kMargin + (width - map_w) / 2;  // centred across the page, as the caption spans it
    draw_map_at(impl_->pdf, model, printed, measure, left, top, kPointsPerPx, figure);
    cairo_rectangle(cr, left, top, printed.camera.width_px * kPointsPerPx, printed.camera.height_px * kPointsPerPx);
    set_colour(cr, grey);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    // The caption under it: the passage quoted, where it is from, what the map shows; in smaller
    // type if a long passage would not fit.
    const double y0 = top + map_h + kCaptionGap, room = kPageHeight - kMargin - y0;
    auto caption = [&](double size, bool draw) {
        double y = y0;
        y += paragraph(cr, text, page.quote, f.serif, size, width, kMargin, y, ink, draw) + kCaptionGap / 2;
        y += paragraph(cr, text, page.citation, f.sans, size * 0.75, width, kMargin, y, grey, draw) + kCaptionGap / 2;
        y += paragraph(cr, text, page.details, f.sans, size * 0.68, width, kMargin, y, grey, draw);
        return y - y0;
    };
    double size = 11;
    while (size > 7 && caption(size, false) > room) size -= 0.5;  // 7 pt keeps the details at 4.8 pt
    caption(size, true);
    cairo_show_page(cr);
    impl_->pdf.fail_on_error();
}

void PdfHandout::finish() { impl_->pdf.close(); }

void export_quiz_pdf(const MapModel& model, const QuizRound& round, const TextMeasure& measure,
                     const std::string& path, bool answers, double page_w, double page_h) {
    const std::string title =
        std::string(answers ? "Answers" : "Worksheet") + ": a map quiz on Central Asia's security organisations";
    PdfFile pdf(path, page_w, page_h, "ca-atlas: " + title + ", round " + std::to_string(round.seed));
    cairo_t* cr = pdf.cr();
    const HandoutFonts f;
    CairoText& text = pdf.fonts();
    const Rgba ink{0x20, 0x20, 0x20, 255}, grey{0x55, 0x55, 0x55, 255}, right{0x14, 0x6e, 0x28, 255};
    const double width = page_w - 2 * kMargin, bottom = page_h - kMargin;
    double y = kMargin;
    y += paragraph(cr, text, title, f.sans_bold, 15, width, kMargin, y, ink, true) + 4;
    const std::string how =
        answers ? "Round " + std::to_string(round.seed) + ". Each answer comes from the atlas's facts; the passage "
                  "of the article that teaches it follows, with where it is from. On the map, each place's answer "
                  "has its question's number and the circle (100 km) a mark had to fall in."
                : "Round " + std::to_string(round.seed) + ". Write each answer on its lines. Where a question asks "
                  "where something is, mark it on the map with the question's number.";
    y += paragraph(cr, text, how, f.sans, 9, width, kMargin, y, grey, true) + 8;
    // The map: the region as the atlas opens on it, as wide as the page allows (at most 45% of
    // its height), with the countries and the graticule only: names would be answers.
    double map_w = width, map_h = width * 9 / 16;
    if (map_h > page_h * 0.45) {
        map_h = page_h * 0.45;
        map_w = map_h * 16 / 9;
    }
    AppState st;
    st.projection = model.projection->info().id;
    st.camera = camera_for_view(*model.projection, View{}, int(std::lround(map_w / kPointsPerPx)),
                                int(std::lround(map_h / kPointsPerPx)));
    st.pixel_scale = kHandoutPixelScale;
    st.layers = Layers{true, false, false, false, false, false, false, false, true};
    // Wide enough for every place a question asks about (the SCO's Beijing, the CSTO's Chisinau),
    // on both sheets alike, so a mark on the worksheet and its answer fall in the same place.
    Box shown = st.camera.visible();
    bool outside = false;
    for (const Question& q : round.questions)
        if (q.form == AnswerForm::Point) {
            const Vec2 at = model.projection->forward(q.point);
            outside = outside || !shown.contains(at);
            shown.add(at);
        }
    if (outside) {
        const double margin = 0.06 * std::max(shown.width(), shown.height());
        shown.add(Vec2{shown.min_x - margin, shown.min_y - margin});
        shown.add(Vec2{shown.max_x + margin, shown.max_y + margin});
        st.camera = framed_in(st.camera, shown, Box{0, 0, double(st.camera.width_px), double(st.camera.height_px)}, 1.0);
    }
    Figure figure;
    if (answers)
        for (size_t i = 0; i < round.questions.size(); ++i) {
            const Question& q = round.questions[i];
            if (q.form != AnswerForm::Point) continue;
            Shape ring;
            ring.kind = ShapeKind::Circle;
            ring.points = {q.point};
            ring.radius_km = q.tolerance_km;
            ring.colour = Rgba{0xc8, 0x1e, 0x14, 255};
            ring.width_px = 2;
            Shape number = ring;
            number.kind = ShapeKind::Text;
            number.points = {{q.point.x + q.tolerance_km / 80.0, q.point.y}};  // beside the ring
            number.text = std::to_string(i + 1);
            figure.ink.shapes.push_back(ring);
            figure.ink.shapes.push_back(number);
        }
    const double map_x = kMargin + (width - map_w) / 2;
    draw_map_at(pdf, model, st, measure, map_x, y, kPointsPerPx, figure);
    cairo_rectangle(cr, map_x, y, st.camera.width_px * kPointsPerPx, st.camera.height_px * kPointsPerPx);
    set_colour(cr, grey);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    y += map_h + 14;
    // The questions, each kept whole on a page.
    const Article& article = *model.article;
    for (size_t i = 0; i < round.questions.size(); ++i) {
        const Question& q = round.questions[i];
        const std::string asked = std::to_string(i + 1) + ". " + q.printed;
        Teaching teaching;
        if (answers) teaching = teaching_of(q, *model.facts, article);
        const std::string &quote = teaching.quote, &source = teaching.source;
        const std::string note = teaching.note.empty() ? "" : "Note (not the author's words): " + teaching.note;
        auto block = [&](double top, bool draw) {
            double at = top;
            at += paragraph(cr, text, asked, f.sans_bold, 10.5, width, kMargin, at, ink, draw) + 3;
            if (!answers) {
                for (int line = 0; line < 2; ++line) {
                    at += 20;
                    if (draw) {
                        cairo_move_to(cr, kMargin + 12, at);
                        cairo_line_to(cr, kMargin + width, at);
                        set_colour(cr, grey);
                        cairo_set_line_width(cr, 0.4);
                        cairo_stroke(cr);
                    }
                }
                return at + 10 - top;
            }
            at += paragraph(cr, text, "Answer: " + q.answer, f.sans_bold, 9.5, width - 12, kMargin + 12, at, right, draw) + 3;
            at += paragraph(cr, text, quote, f.serif, 9, width - 12, kMargin + 12, at, ink, draw) + 2;
            at += paragraph(cr, text, source, f.sans, 7, width - 12, kMargin + 12, at, grey, draw) + 2;
            at += paragraph(cr, text, note, f.sans, 7.5, width - 12, kMargin + 12, at, grey, draw);
            return at + 10 - top;
        };
        if (y + block(y, false) > bottom && y > kMargin) {
            cairo_show_page(cr);
            y = kMargin;
        }
        y += block(y, true);
    }
    cairo_show_page(cr);
    pdf.fail_on_error();
    pdf.close();
}

}  // namespace atlas
