#version 330 core
// A country's plain fill (no pattern: the common case, kept as cheap as a fill can be).
flat in vec4 v_colour;
flat in vec4 v_hatch;
out vec4 o_colour;
void main() { o_colour = vec4(v_colour.rgb, 1.0); }
