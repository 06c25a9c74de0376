// SDL's events as the session's input events (core/input.hpp), after Dear ImGui's backend has seen
// them: a mouse event the interface takes (ImGui wants the mouse, or one of its windows covers the
// point) is marked over_interface, a key while a panel has the keyboard (interface_has_keyboard())
// is marked interface_has_keyboard.
#pragma once

#include <SDL.h>

#include <optional>
#include <vector>

#include "core/input.hpp"

namespace atlas {

// The event as input, or nothing for events the session does not use (window events, ...).
// `covered(x, y)` tells whether a window of the interface lies under a point (ui's
// interface_covers); ImGui's capture flags come from its current IO. A dropped file's name, which
// SDL leaves to the program, is freed here (translate each drop event once).
std::optional<InputEvent> translate(const SDL_Event& event, bool (*covered)(float x, float y));

// Whether a panel has the keyboard: a text field is being typed in, or the keyboard's navigation
// (started with Tab or Ctrl+Tab) is showing where it is. A panel merely clicked does not: the
// map's shortcuts work whenever no text field has focus.
bool interface_has_keyboard();

// Drains SDL's queue: every event to ImGui's backend, and the translated ones returned in order.
// The release of a key pressed in the same call, and the events after it, are held back for the
// next call, so that ImGui sees the key down for a frame.
std::vector<InputEvent> poll_input(bool (*covered)(float x, float y));
// Whether poll_input holds events back for its next call (the loop must not sleep then).
bool input_held_back();

// Whether the pointer is on `window` (over it, or dragging from it with a button held), and where
// in its points (SDL's position from the window's own motion events).
bool pointer_on(SDL_Window* window, int& x, int& y);

// Where the pointer is now (call it after ImGui's new frame, whose capture flags describe this
// pointer over the last frame's windows): a Pointer event (at NaN without a window).
InputEvent pointer_now(SDL_Window* window);

}  // namespace atlas
