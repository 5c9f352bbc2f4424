#include "util/common.h"
int main(void) { return 0; }
