#ifndef SAFI_TERMS_H
#define SAFI_TERMS_H
#endif
