#ifndef GAFFER_CNCURSES_SHIM_H
#define GAFFER_CNCURSES_SHIM_H

// Wide-character curses needs these before the header, or cchar_t and the
// *_wch functions are not declared.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// NCURSES_BITS macros are not imported into Swift; these give them names.
static inline attr_t gaffer_attr_bold(void) { return A_BOLD; }
static inline attr_t gaffer_attr_reverse(void) { return A_REVERSE; }
static inline attr_t gaffer_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t gaffer_attr_dim(void) { return A_DIM; }

#endif
