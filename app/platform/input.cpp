#include "platform/input.hpp"

#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace atlas {

namespace {

Button button_of(Uint8 b) {
    return b == SDL_BUTTON_RIGHT ? Button::Right : b == SDL_BUTTON_MIDDLE ? Button::Middle : Button::Left;
}

// The key as the session names it: printable ASCII (letters lower-case) as a character, the
// keypad's digits, plus, minus and Enter as the main keyboard's with `keypad` set.
void name_key(SDL_Keycode k, InputEvent& e) {
    struct Named {
        SDL_Keycode sdl;
        Key key;
    };
    static constexpr Named kNamed[] = {
        {SDLK_RETURN, Key::Return},     {SDLK_ESCAPE, Key::Escape}, {SDLK_BACKSPACE, Key::Backspace},
        {SDLK_DELETE, Key::Delete},     {SDLK_LEFT, Key::Left},     {SDLK_RIGHT, Key::Right},
        {SDLK_UP, Key::Up},             {SDLK_DOWN, Key::Down},     {SDLK_PAGEUP, Key::PageUp},
        {SDLK_PAGEDOWN, Key::PageDown}, {SDLK_HOME, Key::Home},     {SDLK_F5, Key::F5}};
    for (const Named& n : kNamed)
        if (n.sdl == k) {
            e.key = n.key;
            return;
        }
    e.keypad = true;
    if (k == SDLK_KP_ENTER) {
        e.key = Key::Return;
        return;
    }
    e.key = Key::Character;
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) e.character = char('1' + (k - SDLK_KP_1));
    else if (k == SDLK_KP_0) e.character = '0';
    else if (k == SDLK_KP_PLUS) e.character = '+';
    else if (k == SDLK_KP_MINUS) e.character = '-';
    else {
        e.keypad = false;
        if (k > ' ' - 1 && k < 127) e.character = char(k);
        else e.key = Key::Other;
    }
}

}  // namespace

std::optional<InputEvent> translate(const SDL_Event& ev, bool (*covered)(float x, float y)) {
    using Kind = InputEvent::Kind;
    const ImGuiIO& io = ImGui::GetIO();
    InputEvent e;
    e.over_interface = io.WantCaptureMouse;
    e.interface_has_keyboard = interface_has_keyboard();
    switch (ev.type) {
        case SDL_QUIT:
            e.kind = Kind::Quit;
            return e;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            e.kind = ev.type == SDL_MOUSEBUTTONDOWN ? Kind::Press : Kind::Release;
            e.button = button_of(ev.button.button);
            e.at = {double(ev.button.x), double(ev.button.y)};
            break;
        case SDL_MOUSEMOTION:
            e.kind = Kind::Move;
            e.at = {double(ev.motion.x), double(ev.motion.y)};
            e.moved = {double(ev.motion.xrel), double(ev.motion.yrel)};
            return e;
        case SDL_MOUSEWHEEL: {
            e.kind = Kind::Wheel;
            int x = 0, y = 0;
            SDL_GetMouseState(&x, &y);
            e.at = {double(x), double(y)};
            e.wheel = ev.wheel.preciseY;
            break;
        }
        case SDL_KEYDOWN:
            e.kind = Kind::KeyDown;
            e.ctrl = (ev.key.keysym.mod & KMOD_CTRL) != 0;  // as it was with this key, not now
            name_key(ev.key.keysym.sym, e);
            return e;
        case SDL_TEXTINPUT:
            e.kind = Kind::Text;
            e.text = ev.text.text;
            return e;
        case SDL_DROPFILE:  // a file dropped on the window: SDL hands over its name, freed here
            e.kind = Kind::Drop;
            if (ev.drop.file) e.text = ev.drop.file;
            SDL_free(ev.drop.file);
            return e;
        default:
            return std::nullopt;
    }
    // A press or a wheel turn over a panel is the panel's, wherever the pointer was last frame:
    // asked at the event's own position (ImGui's flags still describe the last frame's pointer).
    if (e.kind != Kind::Release && covered && covered(float(e.at.x), float(e.at.y))) e.over_interface = true;
    return e;
}

bool interface_has_keyboard() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.WantTextInput || io.NavVisible;
}

namespace {

// The keys ImGui's navigation moves or activates with; the map's shortcuts use them too.
bool navigation_key(SDL_Keycode k) {
    switch (k) {
        case SDLK_LEFT: case SDLK_RIGHT: case SDLK_UP: case SDLK_DOWN:
        case SDLK_HOME: case SDLK_END: case SDLK_PAGEUP: case SDLK_PAGEDOWN:
        case SDLK_SPACE: case SDLK_RETURN: case SDLK_KP_ENTER:
            return true;
        default:
            return false;
    }
}

}  // namespace

namespace {
// Events held back for the next frame (poll_input).
std::vector<SDL_Event>& held_back() {
    static std::vector<SDL_Event> events;
    return events;
}
}  // namespace

bool input_held_back() { return !held_back().empty(); }

std::vector<InputEvent> poll_input(bool (*covered)(float x, float y)) {
    std::vector<InputEvent> events;
    // ImGui 1.86 sees a key as down or up at each frame: a press and its release within one frame
    // (a quick tap, a presenter's clicker, xdotool) never reached it as a press, and Enter in a
    // text field did nothing. The release of a key pressed in this frame, and what follows it,
    // waits for the next frame.
    std::vector<SDL_Scancode> pressed;
    const auto take = [&](SDL_Event& ev) {
        if (ev.type == SDL_KEYUP &&
            std::find(pressed.begin(), pressed.end(), ev.key.keysym.scancode) != pressed.end())
            return false;
        // A panel clicked with the mouse keeps ImGui's navigation focus, but unseen: its keys are
        // the map's then, and ImGui does not also move or press something with them. Tab or
        // Ctrl+Tab starts the keyboard's navigation, which shows where it is and takes them.
        const bool map_key = ev.type == SDL_KEYDOWN && navigation_key(ev.key.keysym.sym) && !interface_has_keyboard();
        if (!map_key) {
            ImGui_ImplSDL2_ProcessEvent(&ev);
            if (ev.type == SDL_KEYDOWN || ev.type == SDL_KEYUP) {
                // The modifiers as they were with this key (the backend asks SDL for the state
                // now, after every event queued: Ctrl+A typed quickly arrived without its Ctrl).
                ImGuiIO& io = ImGui::GetIO();
                const Uint16 mod = ev.key.keysym.mod;
                io.KeyCtrl = (mod & KMOD_CTRL) != 0;
                io.KeyShift = (mod & KMOD_SHIFT) != 0;
                io.KeyAlt = (mod & KMOD_ALT) != 0;
                io.KeySuper = (mod & KMOD_GUI) != 0;
                if (ev.type == SDL_KEYDOWN) pressed.push_back(ev.key.keysym.scancode);
            }
        }
        if (auto e = translate(ev, covered)) events.push_back(std::move(*e));
        return true;
    };
    std::vector<SDL_Event> earlier = std::exchange(held_back(), {});
    for (size_t i = 0; i < earlier.size(); ++i)
        if (!take(earlier[i])) {
            held_back().assign(earlier.begin() + long(i), earlier.end());
            return events;
        }
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        if (!take(ev)) {
            held_back().push_back(ev);
            break;
        }
    return events;
}

bool pointer_on(SDL_Window* window, int& x, int& y) {
    const Uint32 buttons = SDL_GetMouseState(&x, &y);
    return window && (SDL_GetMouseFocus() == window || buttons != 0);
}

InputEvent pointer_now(SDL_Window* window) {
    InputEvent e;
    e.kind = InputEvent::Kind::Pointer;
    e.over_interface = ImGui::GetIO().WantCaptureMouse;
    int x = 0, y = 0;
    // SDL keeps the last position after the pointer left the window: off the window (and not
    // dragging from it) the pointer is nowhere on the map, and no tooltip names what it left.
    e.at = pointer_on(window, x, y) ? Vec2{double(x), double(y)} : Vec2{std::nan(""), std::nan("")};
    return e;
}

}  // namespace atlas
