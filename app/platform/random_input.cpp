#include "platform/random_input.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace atlas {

void RandomInput::feed(SDL_Window* window, int per_frame) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window, &w, &h);
    for (int i = 0; i < per_frame && left_ > 0; ++i, --left_, ++fed_) {
        SDL_Event ev{};
        const int kind = pick(100);
        if (kind < 35) {  // move, a drag when a button is held
            x_ = std::clamp(x_ + pick(241) - 120, 0, std::max(0, w - 1));
            y_ = std::clamp(y_ + pick(241) - 120, 0, std::max(0, h - 1));
            if (pick(10) == 0) {
                x_ = pick(std::max(1, w));
                y_ = pick(std::max(1, h));
            }
            SDL_WarpMouseInWindow(window, x_, y_);
            continue;
        }
        if (kind < 55) {  // press or release a button where the pointer is
            const bool down = !held_ || pick(3) == 0;
            ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            ev.button.windowID = SDL_GetWindowID(window);
            ev.button.button = pick(5) == 0 ? SDL_BUTTON_RIGHT : SDL_BUTTON_LEFT;
            ev.button.state = down ? SDL_PRESSED : SDL_RELEASED;
            ev.button.clicks = 1;
            ev.button.x = x_;
            ev.button.y = y_;
            held_ = down;
        } else if (kind < 65) {  // the wheel
            ev.type = SDL_MOUSEWHEEL;
            ev.wheel.windowID = SDL_GetWindowID(window);
            ev.wheel.y = pick(2) ? 1 : -1;
        } else if (kind < 80) {  // text typed into whatever has the keyboard
            static const char* const kText[] = {"a", "k", "Z", "7", " ", "Душанбе", "中", "ک", ",", "/"};
            ev.type = SDL_TEXTINPUT;
            ev.text.windowID = SDL_GetWindowID(window);
            std::snprintf(ev.text.text, sizeof ev.text.text, "%s", kText[pick(10)]);
        } else {  // a key the atlas or the panels use, pressed and released
            static const SDL_Keycode kKeys[] = {
                SDLK_0,      SDLK_1,      SDLK_2,        SDLK_3,         SDLK_4,      SDLK_5,    SDLK_6,
                SDLK_7,      SDLK_8,      SDLK_9,        SDLK_t,         SDLK_m,      SDLK_a,    SDLK_LEFTBRACKET,
                SDLK_RIGHTBRACKET, SDLK_COMMA, SDLK_PERIOD, SDLK_HOME,    SDLK_ESCAPE, SDLK_TAB,  SDLK_RETURN,
                SDLK_BACKSPACE, SDLK_DELETE, SDLK_LEFT,    SDLK_RIGHT,     SDLK_UP,     SDLK_DOWN, SDLK_PAGEUP,
                SDLK_PAGEDOWN, SDLK_SPACE, SDLK_SLASH,   SDLK_F5,        SDLK_PLUS,   SDLK_MINUS, SDLK_b};
            const SDL_Keycode key = kKeys[pick(int(std::size(kKeys)))];
            for (const bool down : {true, false}) {
                SDL_Event k{};
                k.type = down ? SDL_KEYDOWN : SDL_KEYUP;
                k.key.windowID = SDL_GetWindowID(window);
                k.key.state = down ? SDL_PRESSED : SDL_RELEASED;
                k.key.keysym.sym = key;
                k.key.keysym.scancode = SDL_GetScancodeFromKey(key);
                k.key.keysym.mod = pick(8) == 0 ? KMOD_LCTRL : KMOD_NONE;
                SDL_PushEvent(&k);
            }
            continue;
        }
        SDL_PushEvent(&ev);
    }
}

}  // namespace atlas
