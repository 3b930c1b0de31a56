import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';

@Controller('orders')
export class OrdersController {
  @Get()
  findAll(@Headers('x-shop-id') shopId: string) {
    return [];
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() body: unknown) {
    return { id, body };
  }
}
