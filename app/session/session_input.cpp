// The session's input: the mouse on the map, the pointer, and the keyboard's shortcuts.
#include <algorithm>
#include <cmath>

#include "core/timeline.hpp"
#include "session/session.hpp"

namespace atlas {

namespace {

// Keyboard pan step as a fraction of the view, and zoom step per key press or wheel notch.
constexpr double kKeyPanFraction = 0.1;
constexpr double kZoomStep = 1.25;
// A press and release closer than this (points) is a click, not a drag.
constexpr double kClickSlop = 4;

}  // namespace

void Session::input(const InputEvent& e) {
    if (e.kind == InputEvent::Kind::Quit) {
        // Closing with unsaved scenes or drawings asks first (draw_unsaved_tour_prompt); a second
        // close request while it asks closes at once. The drawings go into their scenes, which
        // the prompt's Save writes with the tour.
        if (model_ && ink_into_scenes() > 0) ui_.tour.unsaved = true;
        if (model_ && ui_.tour.unsaved && !ui_.tour.closing)
            ui_.tour.closing = true;
        else
            running_ = false;
        return;
    }
    if (!model_) return;
    if (e.kind == InputEvent::Kind::Drop) {
        open_user_layer(e.text);
        return;
    }
    if (e.kind == InputEvent::Kind::Pointer) {
        pointer(e);
        return;
    }
    if (presenting() && player_->scene() < model_->tour.size() && annotation_event(e)) return;
    const Camera before = state_.camera;
    mouse(e);
    if (e.kind == InputEvent::Kind::KeyDown) shortcut(e);
    // The user moved the view (a drag, the wheel, the keys): drawn coarser until it settles.
    if (!flight_.active && (state_.camera.centre != before.centre || state_.camera.metres_per_px != before.metres_per_px))
        moved_ns_ = now_ns_;
}

// The map takes a press, a drag and a wheel turn only where no panel is; a release ends a drag
// wherever it happens, and is a click on the map if the press was there and the pointer stayed.
void Session::mouse(const InputEvent& e) {
    using Kind = InputEvent::Kind;
    const float ratio = viewport_.pixel_ratio;
    Camera& cam = state_.camera;
    if (!e.over_interface) {
        if (e.kind == Kind::Press && e.button == Button::Left) {
            dragging_ = true;
            pressed_on_map_ = true;
            press_at_ = e.at;
            flight_.active = false;  // the user takes over
        }
        if (e.kind == Kind::Move && dragging_) cam.pan_px(e.moved.x * ratio, e.moved.y * ratio);
        if (e.kind == Kind::Wheel) cam.zoom_at({e.at.x * ratio, e.at.y * ratio}, std::pow(kZoomStep, e.wheel));
    }
    if (e.kind == Kind::Release && e.button == Button::Left) {
        dragging_ = false;
        if (pressed_on_map_ && std::hypot(e.at.x - press_at_.x, e.at.y - press_at_.y) < kClickSlop) click_at_ = e.at;
        pressed_on_map_ = false;
    }
}

// Where the pointer is as the frame begins: the cursor's position and country in the panel.
void Session::pointer(const InputEvent& e) {
    ui_.cursor_lonlat.reset();
    pointer_.reset();
    if (e.over_interface || !std::isfinite(e.at.x) || !std::isfinite(e.at.y)) {
        // Over a panel or off the window: nothing on the map is pointed at, so nothing is named.
        ui_.cursor_country.clear();
        ui_.cursor_note.clear();
        cursor_map_ = {std::nan(""), std::nan("")};
        return;
    }
    pointer_ = e.at;
    const float ratio = viewport_.pixel_ratio;
    const Vec2 at = state_.camera.to_map({e.at.x * ratio, e.at.y * ratio});
    const Vec2 ll = model_->projection->inverse(at);
    if (std::isfinite(ll.x) && std::isfinite(ll.y) && std::abs(ll.y) <= 90 && std::abs(ll.x) <= 180)
        ui_.cursor_lonlat = ll;
    if (!(at == cursor_map_)) {  // look the country up only when the pointer moved
        cursor_map_ = at;
        const int c = model_->country_at(at, state_.date);
        ui_.cursor_country = c < 0 ? "" : model_->world->countries[size_t(c)].name;
        ui_.cursor_note = c < 0 ? "" : model_->world->countries[size_t(c)].note;
    }
}

void Session::shortcut(const InputEvent& e) {
    // Enter in the search box selects the first hit (also where the interface's own key mapping
    // misses it), and gives the keyboard back to the map; Enter in any other field (a scene's
    // title, the article's search) is that field's.
    if (e.key == Key::Return && ui_.search_active && model_->search && !ui_.search.empty()) {
        const auto hits = model_->search->find(ui_.search, 1);
        if (!hits.empty()) ui_.request_select = hits.front().id;
        ui_.release_keyboard = true;
    }
    // Escape in a window of the interface hands the keyboard back to the map.
    if (e.key == Key::Escape && e.interface_has_keyboard) ui_.release_keyboard = true;
    if (presenting()) {
        presentation_key(e);
        return;
    }
    if (e.key == Key::F5 && !model_->tour.empty()) {
        present(0, false);
        return;
    }
    if (e.interface_has_keyboard) return;
    const char key = e.key == Key::Character ? e.character : 0;
    if (key == 'q') {  // the quiz: a round starts, or the one under way ends
        if (quizzing())
            ui_.quiz.request_close = true;
        else
            quiz_pending_ = true;  // started by quiz_requests, as --quiz starts it
        return;
    }
    if (quizzing()) {
        // Space, Enter, N or a clicker's Page Down: the next question once this one is answered;
        // Escape ends the quiz, giving back the map as it was.
        if (key == ' ' || key == 'n' || e.key == Key::Return || e.key == Key::PageDown) ui_.quiz.request_next = true;
        if (e.key == Key::Escape) {
            ui_.quiz.request_close = true;
            return;
        }
    }
    Camera& cam = state_.camera;
    const double step_x = cam.width_px * kKeyPanFraction, step_y = cam.height_px * kKeyPanFraction;
    const Vec2 mid{cam.width_px / 2.0, cam.height_px / 2.0};
    const char c = e.key == Key::Character ? e.character : 0;
    // 1 to 9 toggle the layers in the panel's order.
    if (c >= '1' && c <= '9' && !e.keypad) {
        bool Layers::*const layer = layer_members()[size_t(c - '1')];
        state_.layers.*layer = !(state_.layers.*layer);
    }
    if (c == '0' && !e.keypad) ui_.article_open = !ui_.article_open;  // the article beside the map
    if (c == 'p') {                                                   // the next projection
        size_t i = 0;
        while (i < ui_.projections.size() && ui_.projections[i].id != state_.projection) ++i;
        if (!ui_.projections.empty()) ui_.request_projection = ui_.projections[(i + 1) % ui_.projections.size()].id;
    }
    if (c == 'a') ui_.request_date = kArticleDate;  // the article's date
    if (c == ',' || c == '.') {                      // a month back / forward
        Date d = state_.date;
        d.month += c == ',' ? -1 : 1;
        if (d.month < 1) d = {d.year - 1, 12, d.day};
        if (d.month > 12) d = {d.year + 1, 1, d.day};
        d.day = std::min(d.day, 28);
        ui_.request_date = d;
    }
    if (c == 'e' && e.ctrl) ui_.export_open = ui_.focus_export = true;  // the Export window, its name's field
    if (c == '/' || (c == 'f' && e.ctrl)) ui_.focus_search = true;
    if (c == 't') ui_.tour.open = !ui_.tour.open;  // the Tour panel
    if (c == 'm') {
        ui_.measuring = !ui_.measuring;
        ui_.measure_points.clear();
        ui_.measure_text.clear();
        ui_.measure_label.clear();
    }
    if (c == '[')  // the previous event on the timeline
        if (const auto* ev = previous_event(ui_.events, state_.date)) ui_.request_date = ev->date;
    if (c == ']')  // the next event
        if (const auto* ev = next_event(ui_.events, state_.date)) ui_.request_date = ev->date;
    if (e.key == Key::Escape) {  // clears the selection and a measurement
        ui_.request_select = std::string();
        ui_.measuring = false;
        ui_.measure_points.clear();
        ui_.measure_text.clear();
        ui_.measure_label.clear();
    }
    if (e.key == Key::Left) cam.pan_px(step_x, 0);
    if (e.key == Key::Right) cam.pan_px(-step_x, 0);
    if (e.key == Key::Up) cam.pan_px(0, step_y);
    if (e.key == Key::Down) cam.pan_px(0, -step_y);
    if (c == '+' || c == '=') cam.zoom_at(mid, kZoomStep);
    if (c == '-') cam.zoom_at(mid, 1 / kZoomStep);
    if (e.key == Key::Home) reset_view();
}

// A clicker sends Page Down / Page Up (or the arrows, or Space); digits and Enter go to a scene by
// its number; B blanks the screen; Escape ends the presentation.
bool Session::presentation_key(const InputEvent& e) {
    if (quizzing()) return class_quiz_key(e);
    const char c = e.key == Key::Character ? e.character : 0;
    if (c == 'q') {  // the class quiz over the scene, given back when it ends
        quiz_pending_ = true;
        return true;
    }
    bool moved = false;
    if (e.key == Key::Right || e.key == Key::PageDown || c == ' ') moved = player_->key(TourKey::Next);
    if (e.key == Key::Left || e.key == Key::PageUp) moved = player_->key(TourKey::Previous);
    if (e.key == Key::Home) moved = player_->key(TourKey::First);
    if (c >= '0' && c <= '9') player_->key(TourKey::Digit, c - '0');
    if (e.key == Key::Return) moved = player_->key(TourKey::Enter);
    if (c == 'b') player_->key(TourKey::Blank);
    if (c == 'l') presentation_legend_ = !presentation_legend_;
    if (e.key == Key::Escape) {
        stop_presenting();
        return true;
    }
    if (moved) {
        go_to_scene_ = int(player_->scene());
        editor_.cancel();  // a shape half drawn stays behind with its scene's map
    }
    return moved;
}

}  // namespace atlas
