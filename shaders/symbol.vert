#version 330 core
// Place symbols: each instance is one symbol, drawn as a screen-aligned quad around its centre,
// large enough for its outline and one pixel of anti-aliasing. The fragment shader cuts the shape.
layout(location = 0) in vec4 a_centre_size_shape;  // centre x, y (image pixels, y down), size, shape
layout(location = 1) in vec4 a_fill;
layout(location = 2) in vec4 a_outline;
layout(location = 3) in vec4 a_params;             // outline width (px), hollow (0/1)
uniform vec2 u_viewport;                           // framebuffer size in pixels
uniform vec2 u_offset;                             // image pixel at the framebuffer's top-left
flat out vec4 v_fill;
flat out vec4 v_outline;
flat out float v_radius;
flat out float v_shape;
flat out vec2 v_params;
out vec2 v_local;                                  // pixels from the centre, y down
void main() {
    float r = a_centre_size_shape.z * 0.5;
    float extent = r + a_params.x + 1.5;
    int corner = gl_VertexID;
    vec2 local = vec2((corner & 1) == 0 ? -extent : extent, corner < 2 ? -extent : extent);
    vec2 px = a_centre_size_shape.xy - u_offset + local;
    gl_Position = vec4(px.x / u_viewport.x * 2.0 - 1.0, 1.0 - px.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_local = local;
    v_fill = a_fill;
    v_outline = a_outline;
    v_radius = r;
    v_shape = a_centre_size_shape.w;
    v_params = a_params.xy;
}
