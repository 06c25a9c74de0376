// SDL2 + GL context + ImGui backends, in the order of Dear ImGui's SDL2/OpenGL3 example.
#include "window.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/errors.hpp"

namespace atlas {

namespace {
constexpr const char* kUiFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}  // namespace

void init_video() {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
        throw GlError(std::string("cannot open a window: ") + SDL_GetError());
}

void quit_video() { SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_TIMER); }

Window::Window(const std::string& title, int width, int height, bool vsync) {
    init_video();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    window_ = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                               SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window_) {
        const std::string why = SDL_GetError();
        quit_video();
        throw GlError("cannot open a window: " + why);
    }
    gl_ = SDL_GL_CreateContext(window_);
    if (!gl_) {
        const std::string why = SDL_GetError();
        SDL_DestroyWindow(window_);
        quit_video();
        throw GlError("no OpenGL 3.3 core context for the window: " + why);
    }
    SDL_GL_MakeCurrent(window_, gl_);
    SDL_GL_SetSwapInterval(vsync ? 1 : 0);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the atlas keeps no layout file beside the user's data
    // Every control is reachable from the keyboard: Ctrl+Tab moves between the windows (panel,
    // timeline, legend, inspector), Tab and the arrows between the controls, Space or Enter
    // activates, Escape gives the keyboard back to the map.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsLight();
    // The interface's text (the article's quotes, names in any script) in DejaVu Sans from Debian's
    // fonts-dejavu-core: Latin, Cyrillic, and the typographic quotes and dashes the article uses.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x024F, 0x0400, 0x04FF, 0x2000, 0x206F, 0};
    if (FILE* f = std::fopen(kUiFontPath, "rb")) {
        std::fclose(f);
        ImGui::GetIO().Fonts->AddFontFromFileTTF(kUiFontPath, 15.0f * pixel_ratio(), nullptr, ranges);
        ImGui::GetIO().FontGlobalScale = 1.0f / pixel_ratio();
    }
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    imgui_ = true;
}

Window::~Window() {
    if (imgui_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    quit_video();
}

void Window::drawable_size(int& w, int& h) const { SDL_GL_GetDrawableSize(window_, &w, &h); }
void Window::window_size(int& w, int& h) const { SDL_GetWindowSize(window_, &w, &h); }

void Window::set_fullscreen(bool on) {
    if (on == fullscreen_) return;
    fullscreen_ = on;
    if (on) {
        SDL_GetWindowPosition(window_, &windowed_.x, &windowed_.y);
        SDL_GetWindowSize(window_, &windowed_.w, &windowed_.h);
        // The window is first made the display's size where it is: the full-screen request is
        // carried out by the window manager, and on an X server without one (a kiosk, a bare
        // session) nothing would change the window while SDL drew for the whole display.
        SDL_Rect display;
        if (SDL_GetDisplayBounds(std::max(0, SDL_GetWindowDisplayIndex(window_)), &display) == 0) {
            SDL_SetWindowPosition(window_, display.x, display.y);
            SDL_SetWindowSize(window_, display.w, display.h);
        }
        SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowFullscreen(window_, 0);
        if (windowed_.w > 0 && windowed_.h > 0) {
            SDL_SetWindowSize(window_, windowed_.w, windowed_.h);
            SDL_SetWindowPosition(window_, windowed_.x, windowed_.y);
        }
    }
}

float Window::pixel_ratio() const {
    int dw = 0, dh = 0, ww = 0, wh = 0;
    drawable_size(dw, dh);
    window_size(ww, wh);
    return ww > 0 ? float(dw) / float(ww) : 1.0f;
}

void Window::begin_imgui_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
}

void Window::end_imgui_frame() {
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::swap() { SDL_GL_SwapWindow(window_); }

}  // namespace atlas
