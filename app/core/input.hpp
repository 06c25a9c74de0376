// The user's input in no window system's terms: what platform/ makes of its events, and what the
// session acts on. Positions are window points (logical pixels, top-left origin).
#pragma once

#include <string>

#include "core/geometry.hpp"

namespace atlas {

// The keys the atlas and its presentation use. Letters, digits and punctuation arrive as
// Key::Character with their (lower-case) character; the rest by name.
enum class Key {
    Other,
    Character,
    Return,
    Escape,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    F5,
};

enum class Button { Left, Middle, Right };

struct InputEvent {
    enum class Kind {
        Press,    // a mouse button went down at `at`
        Release,  // ... and up
        Move,     // the pointer moved to `at`, by `moved` since the last move
        Wheel,    // the wheel turned `wheel` notches (positive: away from the user) with the pointer at `at`
        KeyDown,  // a key was pressed
        Text,     // text was typed (UTF-8, in `text`): what a key produced in the user's layout
        Pointer,  // where the pointer is as a frame begins (for what is under it); at: NaN when outside
        Quit,     // the window was asked to close
        Drop,     // a file was dropped on the window (its path in `text`)
    };
    Kind kind = Kind::Pointer;
    Vec2 at{0, 0};
    Vec2 moved{0, 0};
    double wheel = 0;
    Button button = Button::Left;
    Key key = Key::Other;
    char character = 0;   // Key::Character: '0'-'9', 'a'-'z', '[', ']', ',', '.', '/', '+', '=', '-', ' '
    bool keypad = false;  // the key is on the numeric keypad
    bool ctrl = false;    // Ctrl was held
    std::string text;     // Kind::Text; Kind::Drop: the file's path
    // A mouse event over the interface (a panel wants the mouse, or a window of it lies under the
    // point): the panel's, not the map's.
    bool over_interface = false;
    // A panel's text field or widget has the keyboard: the map's shortcuts do not apply.
    bool interface_has_keyboard = false;

    bool is_char(char c) const { return kind == Kind::KeyDown && key == Key::Character && character == c; }
    bool is_key(Key k) const { return kind == Kind::KeyDown && key == k; }
};

// The window's framebuffer in pixels, its size in points and the pixels per point.
struct Viewport {
    int fb_width = 1, fb_height = 1;
    float width = 1, height = 1;
    float pixel_ratio = 1;
    float ui_scale = 1;  // the interface's scale (from the display, or --ui-scale)
};

}  // namespace atlas
