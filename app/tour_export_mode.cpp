// The classroom's sheets, with no display. `ca-atlas --export-tour DIR`: one image per scene of the
// tour (slides) in each format asked for, and with PDF a handout (one page per scene: the map, its
// title and its caption quoted). `ca-atlas --export-quiz DIR`: the quiz's worksheet and answers.
// DIR is made if missing (with its parents). All the files are written in a temporary folder inside
// DIR and moved into place only when every one is done: a failure leaves DIR as it was, and removes
// the folders it made.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <sstream>

#include "core/errors.hpp"
#include "core/explore.hpp"
#include "core/quiz.hpp"
#include "core/decorations.hpp"
#include "core/style.hpp"
#include "export/export.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "geo/raster.hpp"
#include "geo/user_layer_load.hpp"
#include "modes.hpp"
#include "platform/headless.hpp"
#include "render/font.hpp"
#include "export/vector.hpp"

namespace atlas {

namespace fs = std::filesystem;

namespace {

// The handout's name in the folder, beside the slides.
constexpr const char* kHandoutName = "tour-handout.pdf";

// Scene `i` of `count` as a handout page: its title, its passage quoted with the citation (as the
// presentation's caption shows them), and what the map shows.
HandoutPage handout_page(const Scene& sc, size_t i, size_t count, const MapModel& m) {
    HandoutPage page;
    page.heading = scene_heading(i, count, sc.title);
    page.ink = sc.annotations;
    const Passage* p = m.article ? m.article->passage(sc.passage) : nullptr;
    if (p) page.quote = "\u201c" + p->text + "\u201d";
    if (m.article) page.citation = m.article->citation + (p ? " (" + place_in_article(*m.article, *p) + ")" : "");
    page.details = "The map on " + sc.date.str() + "; " + projection_info(sc.projection).label + " projection; view " +
                   format_view(sc.view) + " (longitude, latitude, kilometres from top to bottom); layers: " +
                   layers_text(sc.layers) + ". Borders: Natural Earth. Made with ca-atlas.";
    return page;
}

// Makes `dir` and its missing parents (as mkdir -p), noting each folder made in `made` as it goes
// (so that a failure can remove them again).
void make_folders(const fs::path& dir, std::vector<fs::path>& made) {
    std::error_code ec;
    for (fs::path p = fs::absolute(dir, ec).lexically_normal(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        made.insert(made.begin(), p);
        if (p == p.parent_path()) break;
    }
    for (const auto& p : made)
        if (!fs::create_directory(p, ec) || ec)
            throw OutputError("cannot make the folder '" + p.string() + "': " +
                              (ec ? ec.message() : "it could not be made"));
}

// DIR (and its missing parents, noted in `made`) and the working folder `tmp` inside it; throws
// OutputError naming DIR where either cannot be made.
void make_working_folder(const fs::path& dir, const fs::path& tmp, std::vector<fs::path>& made) {
    make_folders(dir, made);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError("cannot write into '" + dir.string() + "': not a folder");
    if (!fs::create_directory(tmp, ec) || ec)
        throw OutputError("cannot write into '" + dir.string() + "': " + (ec ? ec.message() : "it exists"));
}

// A run that failed: the working folder and the folders it made go (DIR as it was), and the reason
// is one line; the exit code (2 for a bad argument, else 1).
int failed(const std::exception& e, const fs::path& tmp, const std::vector<fs::path>& made) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    for (auto p = made.rbegin(); p != made.rend(); ++p) fs::remove(*p, ec);  // only if empty
    return failure(e);
}

// Moves the files written in `tmp` into `dir`, all or none: a name taken by anything but a regular
// file stops it before the first move; a file it replaces is kept aside until the last move
// succeeds, and put back if one fails. Returns how many files it replaced.
size_t move_into_place(const std::vector<fs::path>& written, const fs::path& dir, const fs::path& tmp) {
    std::error_code ec;
    for (const auto& f : written) {
        const fs::path target = dir / f.filename();
        const auto st = fs::symlink_status(target, ec);
        if (fs::exists(st) && !fs::is_regular_file(st))
            throw OutputError("cannot write '" + target.string() +
                              "': it is not a regular file (a folder, a link or a device); nothing was written");
    }
    struct Move {
        fs::path target, kept;  // kept: the file it replaced, set aside ("" if none)
    };
    std::vector<Move> moves;
    try {
        for (const auto& f : written) {
            Move m{dir / f.filename(), {}};
            if (fs::exists(fs::symlink_status(m.target, ec))) {
                m.kept = tmp / (".replaced-" + f.filename().string());
                fs::rename(m.target, m.kept);
            }
            moves.push_back(m);
            fs::rename(f, m.target);
        }
    } catch (const fs::filesystem_error& e) {
        for (auto m = moves.rbegin(); m != moves.rend(); ++m) {
            std::error_code undo;
            if (m->kept.empty())
                fs::remove(m->target, undo);
            else
                fs::rename(m->kept, m->target, undo);
        }
        throw OutputError(std::string("cannot move the images into place (") + e.what() +
                          "); the folder is as it was");
    }
    return size_t(std::count_if(moves.begin(), moves.end(), [](const Move& m) { return !m.kept.empty(); }));
}

}  // namespace

int run_export_tour(const Options& o) {
    const Phases phase(o.timings, 36);
    const int w = o.width > 0 ? o.width : 1920, h = o.height > 0 ? o.height : 1080;
    std::vector<std::string> formats;
    {
        std::stringstream in(o.tour_formats);
        for (std::string f; std::getline(in, f, ',');)
            if (!f.empty()) formats.push_back(f);
    }
    for (const auto& f : formats)
        if (f != "png" && f != "tif" && f != "svg" && f != "pdf") {
            std::fprintf(stderr, "ca-atlas: invalid --format '%s': the tour exports png, tif, svg and pdf\n",
                         f.c_str());
            return 2;
        }
    if (formats.empty()) formats.push_back("png");
    auto wants = [&](const char* f) { return std::find(formats.begin(), formats.end(), f) != formats.end(); };
    // Only the raster formats need GL; the vector ones draw the geometry themselves.
    const bool raster = wants("png") || wants("tif");
    const fs::path dir = o.export_tour;
    remove_leftovers(dir, ".ca-atlas-tour-");  // a killed run's working folder
    const fs::path tmp = dir / (".ca-atlas-tour-" + std::to_string(::getpid()));
    std::vector<fs::path> written;
    // The folders this run makes (DIR and its missing parents, as mkdir -p), removed again on failure.
    std::vector<fs::path> made;
    try {
        make_working_folder(dir, tmp, made);
        std::error_code ec;
        // The tour's own projection loads on a worker while GL starts on this thread.
        auto first = std::async(std::launch::async, [&] {
            return MapModel::load(o.data.dir, o.projection, std::nullopt, o.data.tour, o.data.shipped);
        });
        std::unique_ptr<HeadlessContext> gl;
        std::unique_ptr<Font> font;
        std::unique_ptr<Renderer> renderer;
        try {
            if (raster) {
                gl = std::make_unique<HeadlessContext>();
                require_gl33();
            }
            font = std::make_unique<Font>();
            if (raster) renderer = std::make_unique<Renderer>(*font);
            phase(raster ? "GL ready" : "fonts ready");
        } catch (...) {
            first.wait();  // let the worker finish before unwinding what it reads
            throw;
        }
        // One model per projection the scenes use, built when first needed.
        std::map<std::string, std::unique_ptr<MapModel>> models;
        auto model_for = [&](const std::string& projection) -> MapModel& {
            auto& m = models[projection];
            if (!m) {
                m = first.valid() && projection == o.projection
                        ? first.get()
                        : MapModel::load(o.data.dir, projection, std::nullopt, o.data.tour, o.data.shipped);
                refuse_problems(*m, o.data.dir);
                // --layer's files on every slide, and each scene's own layers on its slides.
                add_user_layers(*m, tour_user_layers(o.user_layers, m->tour));
            }
            return *m;
        };
        const auto tour = model_for(o.projection).tour;
        phase("data ready");
        if (tour.empty()) throw DataError(o.data.tour + ": the tour has no scene");
        std::vector<std::string> undrawable;  // texts with characters no installed font has
        const TextMeasure measure = measure_noting(font->shaper(), undrawable);
        // The same, of what each worker measures (the PDF slides', the handout's): one list each.
        std::vector<std::string> slide_undrawable, page_undrawable;
        const TextMeasure slide_measure = measure_noting(font->shaper(), slide_undrawable);
        const TextMeasure page_measure = measure_noting(font->shaper(), page_undrawable);
        std::unique_ptr<PdfHandout> handout;
        if (wants("pdf")) {
            written.push_back(tmp / kHandoutName);
            handout = std::make_unique<PdfHandout>(written.back().string(), "ca-atlas: the guided tour of the article");
        }
        const MapModel* uploaded = nullptr;
        for (size_t i = 0; i < tour.size(); ++i) {
            const Scene& sc = tour[i];
            MapModel& m = model_for(sc.projection);
            AppState state;
            std::vector<std::string> open;
            for (const auto& l : m.user_layers) open.push_back(l->id);
            apply_scene(sc, state, open);
            // Each layer labelled as the scene says (as the presentation does, going to it).
            for (const auto& ref : sc.user_layers)
                if (const auto label = parse_user_layer_ref(ref).label)
                    m.set_user_label_field(load_user_layer_id(ref), *label);
            for (const auto& path : o.user_layers)
                if (const int at = m.user_layer(load_user_layer_id(path)); at >= 0)
                    std::erase(state.user_hidden, m.user_layers[size_t(at)]->id);
            m.show_members(state);
            if (renderer && uploaded != &m) {
                renderer->upload(m.projected);
                renderer->upload_features(m.features);
            }
            uploaded = &m;
            state.camera = camera_for_view(*m.projection, sc.view, w, h);
            // The map as the presentation shows it (its labels 1.5 times a figure's), the caption and
            // legend as a figure of that height has them; --scale or --dpi set both.
            const float figure_scale =
                o.scale ? *o.scale : o.dpi > 0 ? float(o.dpi / 96.0) : std::max(1.0f, float(h) / 1080.0f);
            state.pixel_scale = o.scale || o.dpi > 0 ? figure_scale : slide_scale(h);
            // A slide: the decorations asked for on the command line and, unless --no-captions, the
            // scene's number, title and passage quoted with its citation, the legend and the attribution.
            FigureChoice choice = o.figure;
            if (o.tour_captions) {
                choice.caption_heading = scene_heading(i, tour.size(), sc.title);
                choice.caption_passage = sc.passage;
                choice.attribution = true;
                choice.legend = true;  // as the presentation shows it
            }
            Figure figure;
            figure.dpi = o.dpi;
            figure.decoration_scale = figure_scale;
            figure.decorations = decorations_for(m, state, choice);
            figure.ink = sc.annotations;  // the presenter's drawings saved with the scene
            char name[32];
            std::snprintf(name, sizeof name, "%02zu-", i + 1);
            // The PDF slide and the handout's page are drawn on two workers while this thread draws
            // the raster slides (GL is this thread's): Cairo's drawing and compressing is most of
            // the tour's work, and three threads keep the machine's cores busy where one worker
            // for both left this thread waiting (perf). The workers read the model's memos of the
            // scene's day and selection, made here first, and are done before the next scene
            // changes them; the handout's pages are added in the tour's order, one per scene.
            (void)m.overlay_paint(state.date, Style{}.overlay);
            (void)m.selection_outlines(state);
            std::optional<fs::path> pdf_slide;
            for (const auto& f : formats) {
                const fs::path file = tmp / (name + sc.id + "." + f);
                written.push_back(file);
                if (f == "pdf")
                    pdf_slide = file;
                else if (!renderer)
                    export_vector(m, state, measure, file.string(), figure);
            }
            std::future<void> slide_work, page_work;
            if (pdf_slide)
                slide_work = std::async(std::launch::async, [&, state, figure, pdf_slide, i] {
                    export_vector(m, state, slide_measure, pdf_slide->string(), figure);
                    phase("scene " + std::to_string(i + 1) + ": PDF slide (worker)");
                });
            if (handout)
                page_work = std::async(std::launch::async, [&, state, i] {
                    handout->add_page(m, state, page_measure, handout_page(sc, i, tour.size(), m));
                    phase("scene " + std::to_string(i + 1) + ": handout page (worker)");
                });
            // Both workers are waited for, even when this thread or one of them fails, before
            // anything they read goes away; then the first failure is thrown.
            std::exception_ptr failed;
            try {
                for (const auto& f : formats) {
                    if (f == "pdf" || !renderer) continue;
                    export_image(*renderer, m, state, measure, (tmp / (name + sc.id + "." + f)).string(), figure);
                }
                if (renderer) phase("scene " + std::to_string(i + 1) + ": raster slides");
            } catch (...) {
                failed = std::current_exception();
            }
            for (std::future<void>* work : {&slide_work, &page_work}) {
                if (!work->valid()) continue;
                try {
                    work->get();
                } catch (...) {
                    if (!failed) failed = std::current_exception();
                }
            }
            if (failed) std::rethrow_exception(failed);
        }
        for (const auto* list : {&slide_undrawable, &page_undrawable})
            for (const auto& t : *list)
                if (std::find(undrawable.begin(), undrawable.end(), t) == undrawable.end()) undrawable.push_back(t);
        if (handout) handout->finish();
        phase("handout finished");
        // Every file is done: move them into place, all or none.
        const size_t replaced = move_into_place(written, dir, tmp);
        phase("in place");
        fs::remove_all(tmp, ec);
        std::printf("ca-atlas: wrote %zu files for %zu scenes into %s%s\n", written.size(), tour.size(),
                    dir.string().c_str(),
                    replaced ? (", replacing " + std::to_string(replaced) + " that were there").c_str() : "");
        if (!undrawable.empty())
            std::fprintf(stderr, "ca-atlas: %s\n", undrawable_note(font->shaper(), undrawable).c_str());
        return 0;
    } catch (const std::exception& e) {
        return failed(e, tmp, made);
    }
}

int run_export_quiz(const Options& o) {
    const fs::path dir = o.export_quiz;
    remove_leftovers(dir, ".ca-atlas-quiz-");  // a killed run's working folder
    const fs::path tmp = dir / (".ca-atlas-quiz-" + std::to_string(getpid()));
    std::vector<fs::path> made;
    try {
        make_working_folder(dir, tmp, made);
        std::error_code ec;
        const auto model = MapModel::load(o.data.dir, "albers", std::nullopt, o.data.tour, o.data.shipped);
        refuse_problems(*model, o.data.dir);
        const unsigned seed = o.quiz_seed.value_or(new_round_seed());
        const QuizRound round = make_round(*model->facts, *model->world, *model->article, seed, 10);
        for (const auto& why : round.skipped) std::fprintf(stderr, "ca-atlas: %s\n", why.c_str());
        if (round.questions.empty()) throw DataError("no question of the quiz could be made from " + o.data.dir);
        Font font;
        std::vector<std::string> undrawable;
        const TextMeasure measure = measure_noting(font.shaper(), undrawable);
        // A4 portrait unless --paper names another sheet (its size in points: 72 to the inch).
        const auto page = paper_size_px(o.quiz_paper.empty() ? "a4-portrait" : o.quiz_paper, 72);
        if (!page) throw UsageError("invalid --paper '" + o.quiz_paper + "'");
        std::vector<fs::path> written;
        for (const bool answers : {false, true}) {
            written.push_back(tmp / (answers ? "answers.pdf" : "worksheet.pdf"));
            export_quiz_pdf(*model, round, measure, written.back().string(), answers, page->first, page->second);
        }
        const size_t replaced = move_into_place(written, dir, tmp);
        fs::remove_all(tmp, ec);
        std::printf("ca-atlas: wrote the quiz of round %u (%zu questions) into %s: worksheet.pdf and answers.pdf%s\n",
                    seed, round.questions.size(), dir.string().c_str(), replaced ? ", replacing those there" : "");
        if (!undrawable.empty()) std::fprintf(stderr, "ca-atlas: %s\n", undrawable_note(font.shaper(), undrawable).c_str());
        return 0;
    } catch (const std::exception& e) {
        return failed(e, tmp, made);
    }
}

}  // namespace atlas
