// The session's presentation: the tour's scenes full screen, driven by a clicker, and the
// presenter's drawings over them, kept per scene and saved with the tour.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "geo/facts_load.hpp"
#include "session/session.hpp"

namespace atlas {

namespace {

constexpr double kNotesMessageSeconds = 4;  // long enough to read a line

}  // namespace

void Session::present(size_t scene, bool at_once) {
    if (quizzing()) end_quiz();  // the window's quiz, given back before the presentation takes the map
    // The scenes' outlines are made now, not as a flight to their scene begins (the largest, an
    // organisation's members, takes tens of milliseconds).
    for (const Scene& sc : model_->tour) {
        AppState shown;
        apply_scene(sc, shown);
        model_->show_members(shown);
        (void)model_->selection_outlines(shown);
    }
    if (!before_presenting_)
        before_presenting_ = BeforePresenting{state_.layers, state_.selected, state_.date,
                                              view_for_camera(*model_->projection, state_.camera),
                                              model_->projection->info().id};
    player_ = std::make_unique<TourPlayer>(model_->tour.size());
    for (char c : std::to_string(scene + 1)) player_->key(TourKey::Digit, c - '0');
    player_->key(TourKey::Enter);
    go_to_scene_ = int(player_->scene());
    scene_jump_ = at_once;
    ui_.presentation.on = true;
}

void Session::stop_presenting() {
    if (quizzing()) end_quiz();  // the class quiz gives back its scene first
    player_.reset();
    ui_.presentation.on = false;
    drawing_ = false;  // the drawings stay with their scenes for the next presentation
    editor_.cancel();
    go_to_scene_ = -1;
    if (!before_presenting_) return;
    // Back to the map as the user left it: the layers, the selection and the day at once, the
    // view by a flight (at once where a scene changed the projection, which is asked back).
    const BeforePresenting b = *before_presenting_;
    before_presenting_.reset();
    state_.layers = b.layers;
    state_.date = b.date;
    select(b.selected, false);
    const Camera to = camera_for_view(*model_->projection, b.view, viewport_.fb_width, viewport_.fb_height);
    if (b.projection != model_->projection->info().id) {
        ui_.request_projection = b.projection;
        state_.camera = to;
        flight_.active = false;
    } else {
        flight_ = Flight{true, state_.camera, to, now_ns_, options_.flight_seconds};
    }
}

// The drawing of scene i (what was saved with it until the presenter draws).
Annotations& Session::notes_of(size_t i) {
    const Scene& sc = model_->tour[i];
    return notes_.try_emplace(sc.id, sc.annotations).first->second;
}

size_t Session::ink_into_scenes() {
    size_t changed = 0;
    for (Scene& sc : model_->tour)
        if (const auto it = notes_.find(sc.id); it != notes_.end() && !(it->second == sc.annotations)) {
            sc.annotations = it->second;
            ++changed;
        }
    ui_.tour.ink_scenes += changed;
    return changed;
}

// S in the presentation: the scene's annotations into the tour file, the other scenes as loaded.
void Session::save_notes() {
    const size_t i = player_->scene();
    const std::string path = options_.data.tour_save;
    notes_message_until_ = now_ns_ + (long long)(kNotesMessageSeconds * 1e9);
    notes_message_error_ = true;
    // A scene that could not be read is not in the tour: writing the tour would lose it.
    for (const auto& p : model_->problems)
        if (std::filesystem::path(p.at.file).filename() == kTourFile) {
            notes_message_ = "Not saved: " + path + " has problems (ca-atlas --check-data lists them)";
            return;
        }
    std::vector<Scene> tour = model_->tour;
    tour[i].annotations = notes_of(i);
    try {
        save_user_tour(path, tour);
        ui_.tour.using_own = !ui_.tour.shipped.empty();
        model_->tour[i].annotations = notes_of(i);
        notes_message_ = "Saved " + std::to_string(notes_of(i).shapes.size()) + " annotations with scene " +
                         std::to_string(i + 1) + " in " + path;
        notes_message_error_ = false;
    } catch (const std::exception& e) {
        notes_message_ = e.what();
    }
}

// The presentation's annotation keys, and the pointer while drawing is on. True if the event was
// the annotations' (the tour and the map do not see it).
bool Session::annotation_event(const InputEvent& e) {
    using Kind = InputEvent::Kind;
    Annotations& set = notes_of(player_->scene());
    auto keep = [&](std::optional<Shape> shape) {
        if (shape) set.shapes.push_back(std::move(*shape));
    };
    if (editor_.typing()) {
        if (e.kind == Kind::Text) {
            editor_.type(e.text);
            return true;
        }
        if (e.kind == Kind::KeyDown) {
            if (e.key == Key::PageDown || e.key == Key::PageUp) {  // a clicker moves on: the text is kept
                keep(editor_.finish_text());
                return false;
            }
            if (e.key == Key::Return) keep(editor_.finish_text());
            if (e.key == Key::Backspace) editor_.erase();
            if (e.key == Key::Escape || (e.is_char('z') && e.ctrl)) editor_.cancel();
            return true;  // every other key is the text's (it arrives as a Text event as well)
        }
    }
    if (e.kind == Kind::KeyDown) return annotation_key(e, set);
    if (!drawing_) return false;
    // Window points -> the editor's screen and lon/lat (NaN off the map).
    const float ratio = viewport_.pixel_ratio;
    const Vec2 ll = model_->projection->inverse(state_.camera.to_map({e.at.x * ratio, e.at.y * ratio}));
    const bool on = std::isfinite(ll.x) && std::isfinite(ll.y) && std::abs(ll.x) <= 180 && std::abs(ll.y) <= 90;
    const Vec2 at_ll = on ? ll : Vec2{std::nan(""), std::nan("")};
    const bool left = e.button == Button::Left;
    if (e.kind == Kind::Press && left && !e.over_interface) {
        keep(editor_.press(e.at, at_ll));
        return true;
    }
    if (e.kind == Kind::Move && editor_.dragging()) {
        editor_.drag(e.at, at_ll);
        return true;
    }
    if (e.kind == Kind::Release && left && editor_.dragging()) {
        keep(editor_.release(e.at, at_ll));
        return true;
    }
    // The right or middle button pans while the left one draws.
    if (e.kind == Kind::Press && !left && !e.over_interface) {
        dragging_ = true;
        flight_.active = false;  // the presenter takes over
        return true;
    }
    if (e.kind == Kind::Release && !left) {
        dragging_ = false;
        return true;
    }
    return false;
}

// A tool's key chooses it and turns drawing on; D toggles drawing, K the next colour, Backspace
// (or Ctrl+Z) undoes, C (or Delete) clears the scene's drawing, S saves it with the tour.
bool Session::annotation_key(const InputEvent& e, Annotations& set) {
    constexpr std::pair<char, ShapeKind> kToolKeys[] = {
        {'f', ShapeKind::Freehand}, {'a', ShapeKind::Arrow}, {'o', ShapeKind::Circle}, {'t', ShapeKind::Text}};
    for (const auto& [key, tool] : kToolKeys)
        if (e.is_char(key)) {
            editor_.set_tool(tool);
            drawing_ = true;
            return true;
        }
    if (e.is_char('d')) {
        drawing_ = !drawing_;
        editor_.cancel();
        return true;
    }
    if (e.is_char('k')) {
        const auto& colours = annotation_colours();
        const auto it = std::find(colours.begin(), colours.end(), editor_.colour);
        editor_.colour = it == colours.end() || it + 1 == colours.end() ? colours.front() : *(it + 1);
        return true;
    }
    if ((e.is_char('z') && e.ctrl) || e.key == Key::Backspace) {
        editor_.undo(set);
        return true;
    }
    if (e.is_char('c') || e.key == Key::Delete) {
        editor_.cancel();
        set.shapes.clear();
        return true;
    }
    if (e.is_char('s')) {
        save_notes();
        return true;
    }
    return false;
}

// What the presentation shows over the map: the scene's annotations and the one being drawn, placed
// anew from lon/lat each frame; the tool's hint; the scene number being typed; a blanked screen.
void Session::show_presentation(long long now_ns) {
    PresentationView& p = ui_.presentation;
    p.typed = player_->typed();
    p.blank = player_->blank();
    p.shapes.clear();
    if (player_->scene() < model_->tour.size()) {
        Annotations shown = notes_of(player_->scene());
        if (editor_.pending()) {
            shown.shapes.push_back(*editor_.pending());
            if (editor_.typing()) shown.shapes.back().text += "|";  // the caret
        }
        const float k = std::max(1.0f, viewport_.height / 1080.0f);  // sized for a 1080-line screen, as the caption
        const LonLatToMap forward = [&](Vec2 ll) { return model_->projection->forward(ll); };
        p.shapes = annotations_on_screen(shown, state_.camera, forward, viewport_.pixel_ratio * k);
    }
    const bool message = now_ns < notes_message_until_;
    p.hint = drawing_ || message;
    p.drawing = drawing_;
    p.tool = editor_.tool();
    p.colour = editor_.colour;
    p.message = message ? notes_message_ : "";
    p.message_error = notes_message_error_;
}

}  // namespace atlas
