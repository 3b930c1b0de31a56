/*
 * nginx configuration syntax, tokenised the way nginx's own ngx_conf_read_token does:
 * a word ends at whitespace, ';' or '{' (so '}' inside a word is part of it, and "${name}" keeps
 * its braces), '#' starts a comment only where a word could start, quoted strings keep their
 * backslash escapes for the AST builder to resolve. The grammar accepts stray tokens as explicit
 * items so that one mistake is reported once and the rest of the file still parses.
 */
grammar NginxConfig;

tokens { LUA_BODY }

config
    : ( item | strayClose )* EOF
    ;

block
    : LBRACE item* RBRACE
    ;

item
    : statement
    | stray
    ;

statement
    : word arg* terminator
    ;

terminator
    : SEMI
    | block
    | LUA_BODY
    ;

word
    : WORD
    | DQ_STRING
    | SQ_STRING
    ;

arg
    : WORD
    | DQ_STRING
    | SQ_STRING
    | ERROR_CHAR
    ;

// Tokens that cannot start a directive; reported by the AST builder.
stray
    : SEMI
    | ERROR_CHAR
    | LUA_BODY
    | block
    ;

strayClose
    : RBRACE
    ;

SEMI      : ';' ;
LBRACE    : '{' ;
RBRACE    : '}' ;

DQ_STRING : '"' ( '\\' . | ~["\\] )* '"' ;
SQ_STRING : '\'' ( '\\' . | ~['\\] )* '\'' ;

WORD      : WORD_FIRST WORD_REST* ;

COMMENT   : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS        : [ \t\r\n]+ -> channel(HIDDEN) ;

// Anything else (an unmatched quote, a trailing backslash) becomes one error token, never a lexer failure.
ERROR_CHAR : . ;

fragment WORD_FIRST : ~[ \t\r\n;{}"'#\\$] | ESCAPE | VARIABLE_START ;
fragment WORD_REST  : ~[ \t\r\n;{\\$] | ESCAPE | VARIABLE_START ;
fragment ESCAPE     : '\\' . ;
// nginx lets '{' follow '$' inside a word: "${name}"
fragment VARIABLE_START : '$' '{'? ;
