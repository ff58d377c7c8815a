# Turns a text file into a C source defining a NUL-terminated byte array.
# cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
set(q "\"")
file(WRITE "${OUT}" "/* generated from ${IN} by embed.cmake; do not edit */\n#include ${q}embedded.h${q}\nconst unsigned char ${NAME}[] = {\n${body}0x00 };\nconst size_t ${NAME}_len = ${bytes};\n")
