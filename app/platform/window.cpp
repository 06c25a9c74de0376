// SDL2 + GL context + ImGui backends, in the order of Dear ImGui's SDL2/OpenGL3 example.
#include "window.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <SDL_syswm.h>
#include <X11/Xlib.h>
#include <X11/Xresource.h>

#include <algorithm>
#include <csignal>
#include <cmath>
#include <cstdlib>

#include "core/errors.hpp"
#include "platform/input.hpp"

namespace atlas {

namespace {
// ImGui's text size at scale 1, in points: DejaVu Sans reads well at 15 on a 96-dpi screen.
constexpr float kUiFontPoints = 15.0f;
// The dots per inch that scale 1 means (the desktop's reference density).
constexpr float kReferenceDpi = 96.0f;
}  // namespace

float ui_scale_for_dpi(float dpi) {
    if (!(dpi > 0)) return 1.0f;
    return std::clamp(std::round(dpi / kReferenceDpi * 4.0f) / 4.0f, 1.0f, 3.0f);
}

void init_video() {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
        throw GlError(std::string("cannot open a window: ") + SDL_GetError());
    // With no display SDL falls back to drivers that show nothing ("offscreen", "dummy"): the
    // window would run unseen until killed. Only a user who names such a driver gets it.
    const char* driver = SDL_GetCurrentVideoDriver();
    const bool unseen = driver && (std::string(driver) == "offscreen" || std::string(driver) == "dummy");
    if (unseen && !SDL_getenv("SDL_VIDEODRIVER")) {
        SDL_Quit();
        throw GlError("cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are not set); "
                      "exports need none, e.g. ca-atlas --export map.png");
    }
}

void quit_video() { SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_TIMER); }

Window::Window(const std::string& title, int width, int height, bool vsync, const UiLook& look) {
    init_video();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (width <= 0 || height <= 0) {
        SDL_Rect usable{0, 0, 1280, 720};
        SDL_GetDisplayUsableBounds(0, &usable);  // without an answer, a size every screen has
        width = usable.w;
        height = usable.h;
        flags |= SDL_WINDOW_MAXIMIZED;
    }
    window_ = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
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

    ui_scale_ = look.scale > 0 ? look.scale : ui_scale_for_dpi(display_dpi());
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the window keeps its layout itself (window_app.cpp), not in the working folder
    // Every control is reachable from the keyboard: Ctrl+Tab moves between the windows (panel,
    // timeline, legend, inspector), Tab and the arrows between the controls, Space or Enter
    // activates, Escape gives the keyboard back to the map.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsLight();
    ImGui::GetStyle().ScaleAllSizes(ui_scale_);
    // The interface's text (the article's quotes, names in any script) in the font fontconfig found
    // (DejaVu Sans from fonts-dejavu-core): Latin, Cyrillic with its supplement, and the article's
    // quotes and dashes, rasterised for the framebuffer's pixels at the interface's scale; Chinese
    // is merged in when there is some to show (cover_text). ImGui 1.86 draws one glyph per
    // character, left to right: it cannot join Arabic letters or lay out right-to-left text, so no
    // Arabic range is loaded (it would show the letters apart and in the wrong order).
    if (!look.font_path.empty()) {
        font_path_ = look.font_path;
        font_index_ = look.font_index;
        font_px_ = kUiFontPoints * ui_scale_ * pixel_ratio();
        ImGui::GetIO().FontGlobalScale = 1.0f / pixel_ratio();
        cjk_path_ = look.cjk_path;
        cjk_index_ = look.cjk_index;
        build_fonts();
    }
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    imgui_ = true;
    // Text pasted into a panel is looked at for Chinese on its way in.
    ImGuiIO& io = ImGui::GetIO();
    clipboard_text_ = io.GetClipboardTextFn;
    io.GetClipboardTextFn = clipboard_text;
    io.ClipboardUserData = this;
}

namespace {
// Whether `cp` is in the Chinese range the panels can load: CJK punctuation, kana and ideographs
// (ImGui's GetGlyphRangesChineseSimplifiedCommon, U+3000 to U+9FAF) and full-width forms.
bool is_cjk(unsigned cp) { return (cp >= 0x3000 && cp <= 0x9FAF) || (cp >= 0xFF00 && cp <= 0xFFEF); }
}  // namespace

void Window::cover_text(const std::string& utf8) {
    if (want_cjk_ || cjk_path_.empty()) return;
    // The lead byte of every character from U+3000 to U+FFFF is 0xE3 to 0xEF: decode only those.
    for (size_t i = 0; i + 2 < utf8.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(utf8[i]), b1 = static_cast<unsigned char>(utf8[i + 1]),
                   b2 = static_cast<unsigned char>(utf8[i + 2]);
        if (b0 < 0xE3 || b0 > 0xEF || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) continue;
        if (is_cjk((unsigned(b0 & 0x0F) << 12) | (unsigned(b1 & 0x3F) << 6) | unsigned(b2 & 0x3F))) {
            want_cjk_ = true;
            return;
        }
    }
}

const char* Window::clipboard_text(void* window) {
    auto* self = static_cast<Window*>(window);
    const char* text = self->clipboard_text_ ? self->clipboard_text_(nullptr) : nullptr;
    if (text) self->cover_text(text);
    return text;
}

// Builds ImGui's fonts again, between frames (the atlas is locked from NewFrame to Render), and
// uploads them where they were: the panels' font, then the reading font at its scale (the same
// font at scale 1), each with the Chinese range merged in once it is wanted. The Chinese glyphs
// are drawn without oversampling, on whole pixels: the atlas is a third of the size ImGui's
// default (3x horizontally) would make.
void Window::build_fonts() {
    // Latin, Cyrillic with its supplement, and the article's quotes and dashes (see the constructor).
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x024F, 0x0400, 0x052F, 0x2000, 0x206F, 0};
    ImGuiIO& io = ImGui::GetIO();
    const bool uploaded = io.Fonts->TexID != ImTextureID{};  // else the first frame uploads it
    if (uploaded) ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    const auto add = [&](float px) {
        ImFontConfig config;
        config.FontNo = font_index_;
        ImFont* font = io.Fonts->AddFontFromFileTTF(font_path_.c_str(), px, &config, ranges);
        if (have_cjk_) {
            ImFontConfig cjk;
            cjk.FontNo = cjk_index_;
            cjk.MergeMode = true;
            cjk.OversampleH = 1;
            cjk.PixelSnapH = true;
            io.Fonts->AddFontFromFileTTF(cjk_path_.c_str(), px, &cjk, io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
        }
        return font;
    };
    ImFont* panels = add(font_px_);
    text_font_scale_ = text_scale_wanted_;
    text_font_ = text_font_scale_ == 1.0f ? panels : add(font_px_ * text_font_scale_);
    if (uploaded) ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::merge_cjk() {
    have_cjk_ = true;
    build_fonts();
}

void Window::want_text_scale(float scale) {
    if (scale > 0) text_scale_wanted_ = scale;
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

float Window::display_dpi() const {
    // The desktop's own setting first: GNOME, KDE and Xfce set Xft.dpi to their scale times 96.
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    Display* x11 = SDL_GetWindowWMInfo(window_, &info) && info.subsystem == SDL_SYSWM_X11 ? info.info.x11.display
                                                                                        : nullptr;
    if (x11) {
        if (const char* resources = XResourceManagerString(x11)) {
            XrmInitialize();
            if (XrmDatabase db = XrmGetStringDatabase(resources)) {
                char* type = nullptr;
                XrmValue value{};
                float dpi = 0;
                if (XrmGetResource(db, "Xft.dpi", "Xft.Dpi", &type, &value) && value.addr) dpi = std::strtof(value.addr, nullptr);
                XrmDestroyDatabase(db);
                if (dpi > 0) return dpi;
            }
        }
    }
    // Then what SDL reports for the window's display (the monitor's size through XRandR).
    float ddpi = 0, hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(std::max(0, SDL_GetWindowDisplayIndex(window_)), &ddpi, &hdpi, &vdpi) == 0 && hdpi > 0)
        return hdpi;
    // Then the X screen's own resolution (X servers without monitor sizes, such as Xvfb -dpi N).
    if (x11) {
        const int screen = DefaultScreen(x11);
        const int mm = DisplayWidthMM(x11, screen);
        if (mm > 0) return float(DisplayWidth(x11, screen)) * 25.4f / float(mm);
    }
    return 0;
}

float Window::pixel_ratio() const {
    int dw = 0, dh = 0, ww = 0, wh = 0;
    drawable_size(dw, dh);
    window_size(ww, wh);
    return ww > 0 ? float(dw) / float(ww) : 1.0f;
}

void Window::begin_imgui_frame() {
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters)  // typed this frame, not yet taken by ImGui
        if (is_cjk(c)) want_cjk_ = !cjk_path_.empty();
    if (want_cjk_ && !have_cjk_) merge_cjk();
    if (!font_path_.empty() && text_scale_wanted_ != text_font_scale_) build_fonts();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // The backend takes the pointer only from a window with the keyboard or the mouse focus, and
    // while a button is held it captures the mouse, which on X11 can leave the window with neither:
    // the pointer was then "nowhere" and a drag on a slider or a scrollbar ended at its first
    // motion. SDL's own position (from this window's motion events) is the pointer while it is over
    // the window or a button is held; otherwise it is off the window.
    int x = 0, y = 0;
    if (pointer_on(window_, x, y)) ImGui::GetIO().MousePos = ImVec2(float(x), float(y));
    ImGui::NewFrame();
}

void Window::end_imgui_frame() {
    finish_imgui_frame();
    draw_imgui();
}

void Window::finish_imgui_frame() { ImGui::Render(); }

void Window::draw_imgui() { ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData()); }

void Window::swap() { SDL_GL_SwapWindow(window_); }

Viewport Window::viewport() const {
    Viewport v;
    drawable_size(v.fb_width, v.fb_height);
    int w = 0, h = 0;
    window_size(w, h);
    v.width = float(w);
    v.height = float(h);
    v.pixel_ratio = pixel_ratio();
    v.ui_scale = ui_scale_;
    return v;
}

std::vector<std::uint8_t> Window::read_pixels() const {
    int w = 0, h = 0;
    drawable_size(w, h);
    std::vector<std::uint8_t> px(size_t(w) * size_t(h) * 4), flipped(px.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    const size_t row = size_t(w) * 4;
    for (int y = 0; y < h; ++y) std::copy_n(px.data() + size_t(h - 1 - y) * row, row, flipped.data() + size_t(y) * row);
    return flipped;
}

namespace {
volatile std::sig_atomic_t g_stop_signal = 0;
}  // namespace

void catch_stop_signals() {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction stop {};
    stop.sa_handler = [](int signal) { g_stop_signal = signal; };
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTERM, &stop, nullptr);
    sigaction(SIGINT, &stop, nullptr);
}

int stop_signal() { return int(g_stop_signal); }

}  // namespace atlas
