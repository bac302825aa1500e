// placeholder replaced below
System.out.println("hello");
