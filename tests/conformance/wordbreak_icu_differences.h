/* WordBreakTest.txt cases where ICU 72 departs from UAX #29, with ICU's
 * breaks.  All 15 are WB6/WB7 across U+003A COLON: ICU's root word.txt
 * defines $MidLetter = [\p{Word_Break = MidLetter} - [\: \uFE55 \uFF1A]],
 * so a colon between letters is a break on both sides. */
  "÷ 0061 ÷ 003A ÷ 0041 ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0041 ÷",
  "÷ 0061 ÷ 003A ÷ 05D0 ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 05D0 ÷",
  "÷ 0061 ÷ 003A ÷ 0061 × 2060 ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0061 × 2060 ÷",
  "÷ 0061 ÷ 003A ÷ 0061 ÷ 003A ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0061 ÷ 003A ÷",
  "÷ 0061 ÷ 003A ÷ 0061 ÷ 0027 ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0061 ÷ 0027 ÷",
  "÷ 0061 ÷ 003A ÷ 0061 ÷ 0027 × 2060 ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0061 ÷ 0027 × 2060 ÷",
  "÷ 0061 ÷ 003A ÷ 0061 ÷ 002C ÷",
  "÷ 0061 ÷ 003A × 0308 ÷ 0061 ÷ 002C ÷",
  "÷ 0041 ÷ 003A ÷ 0041 ÷",
